// Words that say nothing about which answer a visitor wants: English function words, the ways people open a
// question in a chat ("hi, quick question, I was wondering"), and verbs too general to tell answers apart
// ("use", "get", "have"). Left in, they would either match answers at random or, as words no answer knows, make
// a good match look doubtful. Compared with the text's words before stemming.
export const stopWords: ReadonlySet<string> = new Set(
  `a about above actually after again all also am an and any anybody anyone anything anyway are as at be been
  before being both but by can can't could couldn't did didn't do does doesn't doing don't done each either else
  even ever every for from further get gets getting give go going got gotta had has hasn't have haven't having he
  her here hers herself him himself his how however i i'd i'll i'm i've id if im in into is isn't it it'd it'll
  it's its itself ive just kind kinda know let let's like likes lot lots made make makes many may maybe me mean
  might mine more most must my myself no nor not now of off oh ok okay on once one only or other others otherwise
  ought our ours ourselves out over own perhaps please pls plz pretty question questions quick quickly quite
  rather re really regarding said say says see seems shall she should shouldn't so some somebody someone
  something sort such sure tell than thank thanks that that's thats the their theirs them themselves then there
  there's theres these they they're thing things this those though through thx to too u uh um umm up upon ur us
  use used uses using very wanna want wanted wants was wasn't way we we'd we'll we're we've well were weren't what
  what's whats whatever when where where's whether which while who who's whom whose why will with within without
  wonder wondering won't would wouldn't yeah yes yet you you'd you'll you're you've your yours yourself hi hello
  hey hiya greetings dear curious btw ask asking exactly basically currently specifically generally simply
  literally already still totally everything everyone everybody`.split(/\s+/),
);
