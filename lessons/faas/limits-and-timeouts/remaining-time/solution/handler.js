// Resizes a batch of images: {"images": ["a.jpg", ...]}. Each resize takes about 200 ms (simulated),
// and the function's timeout is Lambda's default, 3 seconds: 20 images cannot all fit.
function resize(name) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200); // simulated CPU work
  return `thumb-${name}`;
}

// Stop while there is still time to return: one more resize plus a safety margin.
const SAFETY_MS = 200 + 500;

exports.handler = async (event, context) => {
  const done = [];
  const images = event.images;
  let next = 0;
  while (next < images.length && context.getRemainingTimeInMillis() > SAFETY_MS) {
    done.push(resize(images[next]));
    next += 1;
  }
  // The caller (or a queue) sends `remaining` again in a new invocation.
  return { done, remaining: images.slice(next) };
};
