// Runs one of units.js's steps on JSON from stdin for tests/test_extension_units.py:
// node units_driver.mjs <step>, where the input is texts (estimate, chunks, halve) or two
// analysed parts of one paragraph (join).
import * as units from "../extension/content/units.js";

const input = JSON.parse(await new Promise((done) => {
  let data = "";
  process.stdin.on("data", (chunk) => (data += chunk)).on("end", () => done(data));
}));
const unitsOf = (texts) => units.toUnits(texts.map((text, i) => ({ id: `p${i}`, text })));

const steps = {
  limits: () => units.LIMITS,
  estimate: () => input.map(units.estimateTokens),
  chunks: () => units.toChunks(unitsOf(input)).map((chunk) => chunk.map((u) => [u.id, u.text])),
  halve: () => {
    const all = unitsOf(input);
    return { halves: units.halve(all).map((h) => h.map((u) => u.id)), ofOne: units.halve(all.slice(0, 1)) };
  },
  // input: [[text, source name], [text, source name]], each part analysed in its own request,
  // both rosters calling their source "s1".
  join: () => {
    const paragraph = { id: "p1", text: input.map(([text]) => text).join("") };
    const joiner = new units.PartJoiner();
    let offset = 0;
    const drawn = input.map(([text, name], i) => {
      const unit = { id: `p1.${i + 1}`, text, paragraph, offset, parts: input.length, tokens: 1 };
      offset += text.length;
      const analysed = {
        id: unit.id, text, sentences: [], unattributed: [], markers: [], breakdown: {},
        sentiment: { compound: 0, label: "neutral" },
        attributions: [{ cue: null, content: [], source: { start: 0, end: name.length, source_id: "s1" } }],
      };
      return joiner.add([unit], { paragraphs: [analysed], sources: [{ id: "s1", name }] });
    });
    const [{ analysis, names }] = drawn.at(-1);
    return {
      drawnEarlier: drawn.slice(0, -1).map((d) => d.length),
      text: analysis.text,
      sourceStarts: analysis.attributions.map((a) => a.source.start),
      names: analysis.attributions.map((a) => names.get(a.source.source_id)),
    };
  },
};
console.log(JSON.stringify(steps[process.argv[2]]()));
