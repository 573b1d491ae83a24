// A tasks microservice behind an API Gateway HTTP API (payload format 2.0), routes `ANY /tasks` and
// `ANY /tasks/{id}`:
//   POST /tasks {"title": "Write docs"} -> 201 {"id", "title", "done": false}
//   GET /tasks -> 200 [tasks];  GET /tasks/{id} -> 200 task or 404
// Tasks are kept in tasks.json in EXERCISE_STORE_DIR (a local stand-in for a DynamoDB table).
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');

const file = () => path.join(process.env.EXERCISE_STORE_DIR ?? '/tmp', 'tasks.json');
const readTasks = () => (fs.existsSync(file()) ? JSON.parse(fs.readFileSync(file(), 'utf8')) : []);
const writeTasks = (tasks) => fs.writeFileSync(file(), JSON.stringify(tasks));
const json = (statusCode, body, headers = {}) => ({
  statusCode,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

/** The request body as an object, or undefined when it is not a JSON object. */
function parseBody(event) {
  try {
    const text = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : event.body;
    const value = JSON.parse(text ?? '');
    return value && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

exports.handler = async (event) => {
  // Payload format 2.0 (HTTP APIs): httpMethod and path are 1.0 (REST API) fields.
  const method = event.requestContext?.http?.method;
  const id = event.pathParameters?.id;

  if (event.rawPath === '/tasks') {
    if (method === 'GET') return json(200, readTasks());
    if (method === 'POST') {
      const input = parseBody(event);
      if (!input) return json(400, { error: 'body must be a JSON object' });
      if (typeof input.title !== 'string' || input.title.trim() === '') return json(400, { error: 'title is required' });
      const task = { id: crypto.randomUUID(), title: input.title.trim(), done: false };
      writeTasks([...readTasks(), task]);
      return json(201, task, { location: `/tasks/${task.id}` });
    }
    return json(405, { error: `${method} is not allowed on /tasks` }, { allow: 'GET, POST' });
  }
  if (id !== undefined) {
    if (method !== 'GET') return json(405, { error: `${method} is not allowed on /tasks/{id}` }, { allow: 'GET' });
    const task = readTasks().find((t) => t.id === id);
    return task ? json(200, task) : json(404, { error: `no task ${id}` });
  }
  return json(404, { error: 'not found' });
};
