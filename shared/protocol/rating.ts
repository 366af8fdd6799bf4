// A visitor's rating of a live chat once it ended (conversation:rate, docs/protocol.md): one click on a 1-5 scale,
// then an optional comment. Kept on the conversation with the rep who had the chat.

export type RatingScore = 1 | 2 | 3 | 4 | 5;

export interface RateRequest {
  score: RatingScore;
  comment?: string;
}

export interface Rating {
  score: RatingScore;
  comment?: string;
  // The rep who had the chat when it ended, as the conversation named them.
  repId: string;
  repName: string;
  // When the visitor first rated it: the rating can be changed, or a comment added, until ratingChangeMs after.
  at: number;
}
