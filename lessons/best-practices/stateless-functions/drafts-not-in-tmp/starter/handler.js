// Autosaves a user's draft post:
//   { "action": "save", "user": "ana", "text": "Hello" }  -> 200
//   { "action": "load", "user": "ana" }                   -> 200 { text } or 404
// os.tmpdir() is /tmp on Lambda: every execution environment has its own, here too.
// drafts.json in EXERCISE_STORE_DIR stands in for a table (DynamoDB, S3...) every sandbox shares.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const storeFile = () => path.join(process.env.EXERCISE_STORE_DIR ?? '/tmp', 'drafts.json');
const readDrafts = () => (fs.existsSync(storeFile()) ? JSON.parse(fs.readFileSync(storeFile(), 'utf8')) : {});
const writeDrafts = (drafts) => fs.writeFileSync(storeFile(), JSON.stringify(drafts));

const draftFile = (user) => path.join(os.tmpdir(), `draft-${encodeURIComponent(user)}.txt`);

exports.handler = async (event) => {
  if (event.action === 'save') {
    fs.writeFileSync(draftFile(event.user), event.text);
    return { statusCode: 200, body: JSON.stringify({ saved: true }) };
  }
  if (!fs.existsSync(draftFile(event.user))) return { statusCode: 404, body: JSON.stringify({ error: 'no draft' }) };
  return { statusCode: 200, body: JSON.stringify({ text: fs.readFileSync(draftFile(event.user), 'utf8') }) };
};
