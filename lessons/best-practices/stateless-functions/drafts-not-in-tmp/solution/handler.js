// Autosaves a user's draft post:
//   { "action": "save", "user": "ana", "text": "Hello" }  -> 200
//   { "action": "load", "user": "ana" }                   -> 200 { text } or 404
// os.tmpdir() is /tmp on Lambda: every execution environment has its own, here too.
// drafts.json in EXERCISE_STORE_DIR stands in for a table (DynamoDB, S3...) every sandbox shares.
const fs = require('node:fs');
const path = require('node:path');

const storeFile = () => path.join(process.env.EXERCISE_STORE_DIR ?? '/tmp', 'drafts.json');
const readDrafts = () => (fs.existsSync(storeFile()) ? JSON.parse(fs.readFileSync(storeFile(), 'utf8')) : {});
const writeDrafts = (drafts) => fs.writeFileSync(storeFile(), JSON.stringify(drafts));

// /tmp is scratch space for one invocation's work; the draft must outlive the sandbox, so it goes
// to the shared store.
exports.handler = async (event) => {
  const drafts = readDrafts();
  if (event.action === 'save') {
    drafts[event.user] = event.text;
    writeDrafts(drafts);
    return { statusCode: 200, body: JSON.stringify({ saved: true }) };
  }
  if (!(event.user in drafts)) return { statusCode: 404, body: JSON.stringify({ error: 'no draft' }) };
  return { statusCode: 200, body: JSON.stringify({ text: drafts[event.user] }) };
};
