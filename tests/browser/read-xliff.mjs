// Reads an XLIFF export (version "2" or "12") with the `xliff` package, a
// reader independent of wsis, and prints: documents, units, units with a
// target, source language, target language.
import { xliff2js, xliff12ToJs } from 'xliff';
import { readFileSync } from 'fs';

const [version, file] = process.argv.slice(2);
const read = version === '2' ? xliff2js : xliff12ToJs;
const js = await read(readFileSync(file, 'utf8'));
let units = 0;
let targets = 0;
for (const entries of Object.values(js.resources)) {
  for (const unit of Object.values(entries)) {
    units++;
    if (unit.target !== undefined && unit.target !== '') targets++;
  }
}
console.log(Object.keys(js.resources).length, units, targets, js.sourceLanguage, js.targetLanguage);
