// Seeds the local trial's demo program through the Agents Playground's own API, as its people would in Teams:
// MentorBot is added to Alex's personal chat and to the team; Casey Morgan, the coordinator, sets up "Demo program"
// in the Coordinators channel, shortens the check-in delay to a minute, turns quiet hours off and registers Alex
// (mentor) with Mia (mentee).
// Usage: node tools/trial/seed.mjs http://127.0.0.1:56150 http://127.0.0.1:3978/api/messages
const base = (process.argv[2] ?? 'http://127.0.0.1:56150').replace(/\/$/, '');
const coordinatorName = 'Casey Morgan';

async function call(method, path, body) {
  const response = await fetch(base + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  }
  return text ? JSON.parse(text) : null;
}

const { config } = await call('GET', '/_internal/v1/config');
const team = config.teams[0];
const channel = team.channels.find((c) => c.name === 'Coordinators') ?? team.channels[0];
const coordinator = config.users.find((u) => u.name === coordinatorName);
const mentor = config.currentUser;
const mentee = config.users.find((u) => u.name === 'Mia Chen');
if (!coordinator || !mentee) {
  throw new Error('The Playground does not have the demo users: is tools/trial/playground/.m365agentsplayground.yml read?');
}

// The app is added to Alex's personal chat and to the team (what Teams tells a bot when it is installed).
await call('POST', `/_debug/conversation/${encodeURIComponent(config.personalChat.id)}/installation`, {});
await call('POST', `/_debug/conversation/${encodeURIComponent(channel.id)}/installation`, {});

// The Playground's own compose API always speaks as its current user (Alex), so Casey's messages are posted to the
// bot directly, shaped exactly as the Playground shapes a channel message; the bot answers through the Playground,
// so the answers show in the Coordinators channel.
const botEndpoint = process.argv[3] ?? 'http://127.0.0.1:3978/api/messages';
const serviceUrl = base.replace('127.0.0.1', 'localhost') + '/_connector';
const mention = `<at>${config.bot.name}</at>`;
let sequence = 0;
async function postToBot(what, fields) {
  const activity = {
    id: `seed-${Date.now()}-${++sequence}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    recipient: { id: config.bot.id, name: config.bot.name },
    locale: 'en-US',
    ...fields,
  };
  const response = await fetch(botEndpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  if (!response.ok) {
    throw new Error(`MentorBot answered ${response.status} to ${what}: ${await response.text()}`);
  }
  console.log(`seed: ${what}`);
}

async function sayInChannel(words) {
  await postToBot(`${coordinator.name} in ${channel.name}: ${words}`, {
    type: 'message',
    from: { id: coordinator.id, name: coordinator.name, aadObjectId: coordinator.aadObjectId },
    conversation: { id: channel.id, isGroup: true, conversationType: 'channel', tenantId: config.tenantId },
    text: `${mention} ${words}`,
    textFormat: 'plain',
    entities: [{ type: 'mention', mentioned: { id: config.bot.id, name: config.bot.name }, text: mention }],
    channelData: {
      tenant: { id: config.tenantId },
      team: { id: team.id, name: team.name, aadGroupId: team.aadGroupId },
      channel: { id: channel.id, name: channel.name },
    },
  });
}

// Mia and the other demo people add MentorBot in their own personal chats too (Teams then tells the bot with an
// installationUpdate), so the bot can message them: the Playground keeps their chats, but shows only Alex's.
for (const user of config.users) {
  const chat = await fetch(`${base}/_connector/v3/conversations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ isGroup: false, bot: { id: config.bot.id, name: config.bot.name }, members: [{ id: user.id }], tenantId: config.tenantId }),
  }).then(async (r) => (r.ok ? r.json() : Promise.reject(new Error(`creating ${user.name}'s chat answered ${r.status}: ${await r.text()}`))));
  await postToBot(`${user.name} added MentorBot`, {
    type: 'installationUpdate',
    action: 'add',
    from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
    conversation: { id: chat.id, conversationType: 'personal', tenantId: config.tenantId },
    channelData: { tenant: { id: config.tenantId }, source: { name: 'message' } },
  });
}

await sayInChannel('setup Demo program');
await sayInChannel('settings CheckInDelayMinutes 1');
// No quiet hours in the demo (start = end), so the check-in follows the demo meeting whatever the time where you are.
await sayInChannel('settings QuietHoursStart 0');
await sayInChannel('settings QuietHoursEnd 0');
await sayInChannel(`register ${mentor.email} ${mentee.email} focus Growing into a tech lead`);
console.log('seed: done');
