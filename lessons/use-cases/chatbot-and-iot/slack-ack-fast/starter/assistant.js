// A local stand-in for the slow part of a chatbot: looking things up and composing an answer (in a
// real bot: a database, a search index or a language model, taking several seconds). Records the
// reply in replies.json in EXERCISE_STORE_DIR instead of calling Slack's chat.postMessage.
const fs = require('node:fs');
const path = require('node:path');

exports.answer = async (channel, text) => {
  const file = path.join(process.env.EXERCISE_STORE_DIR ?? '/tmp', 'replies.json');
  const replies = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : [];
  replies.push({ channel, text: `You asked: ${text}. Here is what I found...` });
  fs.writeFileSync(file, JSON.stringify(replies));
};
