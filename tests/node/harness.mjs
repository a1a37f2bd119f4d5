// What every end-to-end file here needs from the Java test (or script) that started the server
// it runs against: the settings it hands over in the environment, and a bounded wait.

/** An environment variable the file's runner sets (named in each file's opening comment). */
export function env(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set; the test or script named in this file's opening comment sets it when it runs the file`);
  }
  return value;
}

/** The promise's value, or a rejection naming what did not come within `ms`. */
export function within(promise, what, ms = 5000) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
