// Resizes a batch of images: {"images": ["a.jpg", ...]}. Each resize takes about 200 ms (simulated),
// and the function's timeout is Lambda's default, 3 seconds: 20 images cannot all fit.
function resize(name) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200); // simulated CPU work
  return `thumb-${name}`;
}

exports.handler = async (event, context) => {
  const done = [];
  for (const name of event.images) {
    done.push(resize(name));
  }
  return { done, remaining: [] };
};
