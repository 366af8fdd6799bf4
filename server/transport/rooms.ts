// socket.io room names. A conversation's room holds the visitor's tabs (in /visitor) and its rep (in /rep).
export const rooms = {
  conversation: (id: string) => `conv:${id}`,
  siteReps: (siteKey: string) => `site:${siteKey}`,
};
