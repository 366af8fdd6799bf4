import { describe, expect, it } from "vitest";
import { toCsv } from "../../shared/leads/csv.ts";

describe("lead export CSV", () => {
  it("quotes per RFC 4180", () => {
    expect(toCsv([["a", "b,c", 'say "hi"', "two\nlines"]])).toBe('a,"b,c","say ""hi""","two\nlines"\r\n');
  });

  it("neutralises cells a spreadsheet would run as formulas", () => {
    const evil = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "=cmd|' /C calc'!A0"];
    const line = toCsv([evil]);
    expect(line).toBe(`"'=HYPERLINK(""http://x"")",'+1+1,'-2+3,'@SUM(A1),'\t=1,"'\r=1",'=cmd|' /C calc'!A0\r\n`);
    expect(toCsv([["ana@acme.io", "42", "a-b"]])).toBe("ana@acme.io,42,a-b\r\n");
  });
});
