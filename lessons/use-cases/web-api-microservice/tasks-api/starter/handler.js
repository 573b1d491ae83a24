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

exports.handler = async (event) => {
  const method = event.httpMethod;
  const route = event.path;

  if (route === '/tasks' && method === 'POST') {
    const input = JSON.parse(event.body);
    const task = { id: crypto.randomUUID(), title: input.title, done: false };
    writeTasks([...readTasks(), task]);
    return json(201, task);
  }
  if (route === '/tasks' && method === 'GET') return json(200, readTasks());
  if (route?.startsWith('/tasks/') && method === 'GET') {
    const task = readTasks().find((t) => t.id === event.pathParameters.id);
    return json(200, task);
  }
  return json(404, { error: 'not found' });
};
