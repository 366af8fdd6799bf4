// U6: words that name a time but often describe the present instead ("qualification is manual today", "right now
// we use Excel", "none right now", "we get 200 leads a month"). They are timing only when said as a deadline.
import { findPhrase } from "./text.ts";

// Words that can stand around a deadline without changing it: "we need it today if possible", "now please".
const filler = new Set(
  (
    "i we it this that me us need needs needed want wanted would like love by until til till before if possible " +
    "please pls plz ideally preferably hopefully latest at the ok okay yes yeah yep sure honestly tbh pretty much " +
    "well really actually just start starting go live get started be ready great good best even better lol haha " +
    "as of end and or is was in place up running right for to can could do done a asap maybe probably roughly"
  ).split(" "),
);
// Words just before that make it a deadline: "need it today", "want to start right now", "launch by tomorrow".
const cues = new Set(
  "need needs needed want wanted start starting launch live ready by until till before begin buy sign implement deploy deadline latest".split(
    " ",
  ),
);
// "today we use", "right now our team": a subject right after is the present, not a deadline.
const present = new Set(["we", "we're", "our", "i", "i'm", "it's", "its", "they", "they're", "everything", "everyone"]);
// "none right now", "not now", "nothing today": said about something else, or a no.
const none = new Set(["none", "nothing", "not", "no", "zero", "nada"]);

// Whether the words outside [at, at + length) are all filler: the time is the whole answer.
export function onlyFillerAround(words: readonly string[], at: number, length: number): boolean {
  return words.every((w, i) => (i >= at && i < at + length) || filler.has(w));
}

// Whether one of the phrases stands in the words as a deadline.
export function saidAsDeadline(words: readonly string[], phrases: readonly string[][]): boolean {
  for (const phrase of phrases) {
    let at = findPhrase(words as string[], phrase);
    let length = phrase.length;
    if (at < 0) continue;
    // "right now" as one: the word before it is what counts.
    if (phrase[0] === "now" && words[at - 1] === "right") {
      at--;
      length++;
    }
    if (none.has(words[at - 1] ?? "") || present.has(words[at + length] ?? "")) continue;
    if (onlyFillerAround(words, at, length)) return true;
    if (words.slice(Math.max(0, at - 3), at).some((w) => cues.has(w))) return true;
  }
  return false;
}
