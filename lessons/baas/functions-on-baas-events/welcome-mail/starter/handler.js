// Called by a database webhook on the `profiles` table (one row per user, inserted at sign-up).
// Payload as Supabase sends it (https://supabase.com/docs/guides/database/webhooks):
//   {"type": "INSERT" | "UPDATE" | "DELETE", "table": "profiles", "schema": "public",
//    "record": {...} | null, "old_record": {...} | null}
// The "mail service" is mails.json in EXERCISE_STORE_DIR, a local stand-in for an email API.
const fs = require('node:fs');
const path = require('node:path');

const mailsFile = () => path.join(process.env.EXERCISE_STORE_DIR ?? '/tmp', 'mails.json');
const readMails = () => (fs.existsSync(mailsFile()) ? JSON.parse(fs.readFileSync(mailsFile(), 'utf8')) : []);

function sendMail(mail) {
  const mails = readMails();
  mails.push(mail);
  fs.writeFileSync(mailsFile(), JSON.stringify(mails));
}

exports.handler = async (event) => {
  const user = event.record;
  sendMail({
    to: user.email,
    subject: 'Welcome to Serverless Shop',
    text: `Hi ${user.display_name}, thanks for signing up!`,
    userId: user.id,
  });
  return { sent: true };
};
