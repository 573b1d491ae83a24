// Worker on the FIFO queue "account-events.fifo". Messages of one account share a MessageGroupId
// and must be applied in order: {"account": "acc-1", "op": "deposit" | "withdraw", "amount": 50}.
// Applied operations go to ledger.json in EXERCISE_STORE_DIR. ReportBatchItemFailures is on.
const fs = require('node:fs');
const path = require('node:path');

const file = () => path.join(process.env.EXERCISE_STORE_DIR ?? '/tmp', 'ledger.json');
function apply(op) {
  if (!['deposit', 'withdraw'].includes(op.op) || !(op.amount > 0)) throw new Error(`invalid operation ${JSON.stringify(op)}`);
  const ledger = fs.existsSync(file()) ? JSON.parse(fs.readFileSync(file(), 'utf8')) : [];
  ledger.push(op);
  fs.writeFileSync(file(), JSON.stringify(ledger));
}

exports.handler = async (event) => {
  const batchItemFailures = [];
  for (const record of event.Records) {
    // After the first failure, process nothing more: a later message applied now would overtake the
    // failed one when it is retried. Return it and everything after it, as AWS documents for FIFO.
    if (batchItemFailures.length > 0) {
      batchItemFailures.push({ itemIdentifier: record.messageId });
      continue;
    }
    try {
      apply(JSON.parse(record.body));
    } catch {
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};
