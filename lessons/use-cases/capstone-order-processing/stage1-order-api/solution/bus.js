// A local stand-in for the EventBridge PutEvents API (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html).
// Entries are appended to events.json in EXERCISE_STORE_DIR instead of being sent to a bus.
const fs = require('node:fs');
const path = require('node:path');

const file = () => path.join(process.env.EXERCISE_STORE_DIR ?? '/tmp', 'events.json');

/** entries: [{ Source, DetailType, Detail (a JSON string), EventBusName }] */
exports.putEvents = async (entries) => {
  const events = fs.existsSync(file()) ? JSON.parse(fs.readFileSync(file(), 'utf8')) : [];
  events.push(...entries);
  fs.writeFileSync(file(), JSON.stringify(events));
  return { FailedEntryCount: 0, Entries: entries.map((_, i) => ({ EventId: `evt-${events.length - entries.length + i + 1}` })) };
};
