// Spelled-out numbers to digits, so "ten grand" and "forty thousand" read like "10 grand" and "40 thousand".
const small: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fourty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
// Words after which "a" means one: "a million", "a thousand", "a grand".
const scaleWords = new Set(["thousand", "million", "grand", "hundred"]);

// "twenty-five" -> 25, "forty" -> 40, "k" -> undefined.
// Own keys only: "constructor" or "toString" in a message are words, not numbers.
function wordValue(word: string): number | undefined {
  if (Object.hasOwn(small, word)) return small[word];
  const [a, b, extra] = word.split("-");
  if (a && b && extra === undefined && Object.hasOwn(small, a) && Object.hasOwn(small, b)) {
    return (small[a] as number) + (small[b] as number);
  }
  return undefined;
}

// Rewrites runs of number words in a normalised text ("two hundred fifty thousand" -> "250 thousand").
export function wordsToDigits(text: string): string {
  const words = text.replace(/\bhalf an? (million|thousand|grand)\b/g, "0.5 $1").split(" ");
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if ((w === "a" || w === "an") && scaleWords.has(words[i + 1] ?? "")) {
      out.push(words[i + 1] === "hundred" ? "100" : "1");
      if (words[i + 1] === "hundred") i++;
      continue;
    }
    if (wordValue(w) === undefined) {
      out.push(w);
      continue;
    }
    let value = 0;
    let j = i;
    while (j < words.length) {
      const v = wordValue(words[j] as string);
      if (v !== undefined) value += v;
      else if (words[j] === "hundred") value = (value || 1) * 100;
      else if (!(words[j] === "and" && wordValue(words[j + 1] ?? "") !== undefined)) break;
      j++;
    }
    out.push(String(value));
    i = j - 1;
  }
  return out.join(" ");
}
