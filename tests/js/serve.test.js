// aws-sdk-js-v3 against `ivsrt serve`: the SDK's own client, signer, serializers
// and error types, with only `endpoint` pointing at the server. $IVSRT_CLI names
// the built ivsrt binary (tools/run-tests.sh sets it).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import {
  CreateParticipantTokenCommand,
  CreateStageCommand,
  GetStageCommand,
  IVSRealTimeClient,
  ListStagesCommand,
  ListTagsForResourceCommand,
  ResourceNotFoundException,
  TagResourceCommand,
  UntagResourceCommand,
  ValidationException,
  paginateListStages,
} from "@aws-sdk/client-ivs-realtime";

const READY = /^ivsrt: listening on (http:\/\/127\.0\.0\.1:\d+)$/;
let server;
let url;
let dataDir;

before(async () => {
  assert.ok(process.env.IVSRT_CLI, "IVSRT_CLI must name the built ivsrt binary");
  dataDir = mkdtempSync(join(tmpdir(), "ivsrt-js-"));
  server = spawn(process.env.IVSRT_CLI, ["--data-dir", dataDir, "serve", "--port", "0"], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { PATH: process.env.PATH, HOME: dataDir },
  });
  const lines = createInterface({ input: server.stdout });
  const [line] = await Promise.race([
    new Promise((resolve) => lines.once("line", (l) => resolve([l]))),
    new Promise((_, reject) => server.once("exit", (code) => reject(new Error(`exit ${code}`)))),
  ]);
  const m = READY.exec(line);
  assert.ok(m, `no ready line: ${line}`);
  url = m[1];
});

after(async () => {
  const exited = new Promise((resolve) => server.once("exit", (code) => resolve(code)));
  server.kill("SIGTERM");
  assert.equal(await exited, 0);
  rmSync(dataDir, { recursive: true, force: true });
});

function client(region = "us-east-1") {
  return new IVSRealTimeClient({
    endpoint: url,
    region,
    credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
    maxAttempts: 1,
  });
}

test("creates a stage and mints a participant token", async () => {
  const ivs = client();
  const created = await ivs.send(
    new CreateStageCommand({ name: "js-1", participantTokenConfigurations: [{ userId: "alice" }] }),
  );
  assert.equal(created.$metadata.httpStatusCode, 200);
  assert.match(created.stage.arn, /^arn:aws:ivs:us-east-1:123456789012:stage\/[a-zA-Z0-9]{12}$/);
  assert.equal(created.participantTokens[0].userId, "alice");
  const got = await ivs.send(new GetStageCommand({ arn: created.stage.arn }));
  assert.equal(got.stage.name, "js-1");

  const { participantToken } = await ivs.send(
    new CreateParticipantTokenCommand({
      stageArn: created.stage.arn,
      userId: "bob",
      capabilities: ["SUBSCRIBE"],
      duration: 60,
      attributes: { role: "viewer" },
    }),
  );
  assert.equal(participantToken.token.split(".").length, 3);
  assert.deepEqual(participantToken.capabilities, ["SUBSCRIBE"]);
  assert.deepEqual(participantToken.attributes, { role: "viewer" });
  assert.ok(participantToken.expirationTime instanceof Date);
  assert.equal(participantToken.duration, 60);
  ivs.destroy();
});

test("tags, lists and untags", async () => {
  const ivs = client();
  const { stage } = await ivs.send(new CreateStageCommand({ name: "js-tags", tags: { a: "1" } }));
  await ivs.send(new TagResourceCommand({ resourceArn: stage.arn, tags: { env: "dev", b: "2" } }));
  const listed = await ivs.send(new ListTagsForResourceCommand({ resourceArn: stage.arn }));
  assert.deepEqual(listed.tags, { a: "1", env: "dev", b: "2" });
  await ivs.send(new UntagResourceCommand({ resourceArn: stage.arn, tagKeys: ["a", "b"] }));
  const after = await ivs.send(new ListTagsForResourceCommand({ resourceArn: stage.arn }));
  assert.deepEqual(after.tags, { env: "dev" });
  ivs.destroy();
});

test("errors are the SDK's typed exceptions with their HTTP status", async () => {
  const ivs = client();
  await assert.rejects(ivs.send(new CreateStageCommand({ name: "has space" })), (e) => {
    assert.ok(e instanceof ValidationException, `${e.name}: ${e.message}`);
    assert.equal(e.name, "ValidationException");
    assert.equal(e.$fault, "client");
    assert.equal(e.$metadata.httpStatusCode, 400);
    assert.match(e.message, /^name: /);
    return true;
  });
  const missing = "arn:aws:ivs:us-east-1:123456789012:stage/abcdABCDefgh";
  await assert.rejects(ivs.send(new GetStageCommand({ arn: missing })), (e) => {
    assert.ok(e instanceof ResourceNotFoundException, `${e.name}: ${e.message}`);
    assert.equal(e.$metadata.httpStatusCode, 404);
    return true;
  });
  ivs.destroy();
});

test("pages ListStages with maxResults and nextToken, and through the paginator", async () => {
  // A region of its own: the other tests' stages are in us-east-1.
  const ivs = client("eu-west-1");
  const names = [];
  for (let i = 0; i < 7; i++) {
    const { stage } = await ivs.send(new CreateStageCommand({ name: `page-${i}` }));
    assert.ok(stage.arn.startsWith("arn:aws:ivs:eu-west-1:"));
    names.push(`page-${i}`);
  }
  const pages = [];
  let nextToken;
  do {
    const page = await ivs.send(new ListStagesCommand({ maxResults: 3, nextToken }));
    pages.push(page.stages.map((s) => s.name));
    nextToken = page.nextToken;
  } while (nextToken);
  assert.deepEqual(pages, [names.slice(0, 3), names.slice(3, 6), names.slice(6)]);

  const paged = [];
  for await (const page of paginateListStages({ client: ivs, pageSize: 2 }, {})) {
    assert.ok(page.stages.length <= 2);
    paged.push(...page.stages.map((s) => s.name));
  }
  assert.deepEqual(paged, names);

  await assert.rejects(
    ivs.send(new ListStagesCommand({ nextToken: "forged" })),
    (e) => e instanceof ValidationException && e.$metadata.httpStatusCode === 400,
  );
  ivs.destroy();
});
