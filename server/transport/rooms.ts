// socket.io room names. A conversation's room holds the visitor's tabs (in /visitor) and its rep (in /rep); a
// rep's own room holds all of that rep's console tabs.
export const rooms = {
  conversation: (id: string) => `conv:${id}`,
  isConversation: (room: string) => room.startsWith("conv:"),
  siteReps: (siteKey: string) => `site:${siteKey}`,
  rep: (repId: string) => `rep:${repId}`,
};
