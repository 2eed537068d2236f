// biome-ignore-all lint/suspicious/noTemplateCurlyInString: example texts quote JavaScript that interpolates at runtime.
// Database and broker URLs with a password (Postgres, MySQL/MariaDB, MongoDB, Redis, AMQP): pasted into a
// frontend's config, an edge function bundled as client code, or a public .env. Only a real password on a
// real host is reported: templates, compose-network service names and local defaults are not.
// Example secrets: scripts/fake-secrets.mjs password(), createFaker(404) and createVendorFaker(909).
import { defineRule, type MatchContext, type PatternRule, type Verdict } from "../src/rule-kit/index.js";
import { isDocumentationHost, PLACEHOLDER_PASSWORD, VARIABLE } from "./support.js";

/** Passwords the images and tutorials ship with (`postgres`, RabbitMQ's `guest`, …): not an account's secret. */
const DEFAULT_PASSWORD =
  /^(?:postgres(?:ql)?|mysql|mariadb|mongo(?:db)?|redis|rabbit(?:mq)?|amqp|secret|changeme|example|dbpass(?:word)?|s3cr3t|p@ssw0rd|passw0rd|password\d{0,4}|admin\d{0,4}|root\d{0,4}|\d{1,8})$/i;

/**
 * A host a leaked URL can reach: a name with a dot or an IP outside loopback. A single label (`db`,
 * `postgres`) is a compose or Kubernetes service name, reachable only inside that network.
 */
function isRealHost(host: string): boolean {
  const h = host.toLowerCase();
  if (isDocumentationHost(h) || h === "host.docker.internal" || h.endsWith(".local")) return false;
  return h.includes(".");
}

function connectionVerdict(ctx: MatchContext): Verdict {
  const password = ctx.secret;
  if (PLACEHOLDER_PASSWORD.test(password) || VARIABLE.test(password) || DEFAULT_PASSWORD.test(password))
    return false;
  if (password.length < 8 || password === ctx.groups.user) return false;
  if (!isRealHost(ctx.groups.host ?? "")) return false;
  return { message: `Password for a ${ctx.groups.scheme} server at ${ctx.groups.host} in a connection URL.` };
}

const connectionUrl = defineRule({
  id: "database/connection-url",
  title: "Database URL with a password",
  description:
    "A postgres://, mysql://, mongodb(+srv)://, redis:// or amqp:// URL with user:password@ and a real " +
    "host: whoever reads the bundle can connect wherever the server accepts connections from (managed " +
    "clusters often accept them from anywhere) and read or delete the data.",
  severity: "critical",
  confidence: "fuzzy",
  keywords: ["postgres", "mysql", "mariadb", "mongodb", "redis", "amqp"],
  remediation:
    "Change the database user's password (and restrict network access to your servers), then keep the URL " +
    "in server-side configuration: a browser talks to your API, never to the database.",
  references: ["https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-URIS"],
  pattern:
    /(?<![A-Za-z0-9+.-])(?<scheme>postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?):\/\/(?<user>[A-Za-z0-9._~%!$&*+,;=-]{0,64}):(?<secret>[A-Za-z0-9._~%!$&*+,;=-]{1,128})@(?<host>[A-Za-z0-9.-]{1,253})/,
  window: { before: 16, after: 512 },
  validate: connectionVerdict,
  examples: {
    positive: [
      {
        text: "MONGODB_URI=mongodb+srv://portal:XcjTRd3uGxPYnIr0U8ra@cluster0.q7xk2.mongodb.net/patients?retryWrites=true\n",
        secret: "XcjTRd3uGxPYnIr0U8ra",
        path: ".env",
      },
      {
        text: "REDIS_URL=redis://:Yu8tnKc3wikEae4aRY40@cache.northwind-clinic.internal:6379/0\n",
        secret: "Yu8tnKc3wikEae4aRY40",
        path: ".env",
      },
      {
        text: 'const pool = new Pool({ connectionString: "postgresql://portal_app:38D81hUvmISXJmGOhIII@db.abcdefghijkl.supabase.co:5432/postgres" });',
        secret: "38D81hUvmISXJmGOhIII",
        path: "src/lib/db.ts",
      },
      {
        text: 'var e={db:"mysql://reports:Gmcf1ctN4046bQD41l0Z@10.20.4.17:3306/clinic"};',
        secret: "Gmcf1ctN4046bQD41l0Z",
        path: "dist/assets/admin-1e2f.js",
      },
      {
        text: 'const conn = await amqp.connect("amqps://events:8r1k70X0pFFbWrfriUhB@rabbit.northwind-clinic.org:5671");',
        secret: "8r1k70X0pFFbWrfriUhB",
      },
    ],
    negative: [
      {
        text: "DATABASE_URL=postgres://postgres:postgres@localhost:5432/dev\n",
        why: "local development default on localhost",
        path: ".env",
      },
      {
        text: "DATABASE_URL=postgres://app:izUaI6dOjLF9NNTFCD46@db:5432/app\n",
        why: "a compose service name (db): the password reaches only that private network",
        path: ".env",
      },
      {
        text: "AMQP_URL=amqp://guest:guest@rabbitmq.northwind-clinic.org:5672\n",
        why: "RabbitMQ's default guest account",
        path: ".env",
      },
      {
        text: "DATABASE_URL=postgresql://USER:PASSWORD@HOST:5432/DATABASE\n",
        why: "template placeholder",
        path: ".env.example",
      },
      {
        text: "const url = `mongodb+srv://${user}:${password}@cluster0.q7xk2.mongodb.net/app`;",
        why: "assembled at runtime",
      },
      {
        text: 'const url = "mongodb+srv://portal:<password>@cluster0.q7xk2.mongodb.net/?retryWrites=true&w=majority";',
        why: "the Atlas connect dialog's template",
      },
      {
        text: "REDIS_URL=redis://default:siGKsyLUkD6qvkt7CW7r@127.0.0.1:6379\n",
        why: "loopback host",
        path: ".env",
      },
      {
        text: 'const dsn = "mysql://root:example@mysql.example.com/test";',
        why: "documentation host and password",
      },
    ],
  },
});

const rules: readonly PatternRule[] = [connectionUrl];
export default rules;
