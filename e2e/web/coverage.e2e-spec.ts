/// <reference lib="dom" />
import type { ChatRoom } from '@hearth/contracts';
import { DEMO_PASSWORD } from '@hearth/api';
import { appInChromium } from '../support/browser';
import { expectStatus } from '../support/courses';
import { enterRoom, heading, sidewaysOverflow, signIn } from '../support/pages';

describe('coverage on the demo, in Chromium', () => {
  // The outbox worker runs, as in production.
  const chromium = appInChromium({ HEARTH_WORKER_POLL_MS: '60000' }, { demo: true });

  const signedIn = async (login: string, size?: { width: number; height: number }) => {
    const page = await chromium.browser.newPage(size);
    await signIn(page, chromium.hearth.baseUrl, login, DEMO_PASSWORD);
    return page;
  };

  it('shows the week’s uncovered hours by room and day on a phone, and puts a shift on the rota and takes it off', async () => {
    const admin = await signedIn('admin', { width: 390, height: 844 });
    await admin.goto(`${chromium.hearth.baseUrl}/admin`);
    await admin.getByRole('link', { name: 'Coverage' }).click();
    await heading(admin, 'Coverage');
    const grid = admin.getByRole('table', { name: 'Hours nobody covers, by room and day (UTC)' });
    const row = (name: string) => grid.getByRole('row', { name: new RegExp(`^${name}`) });
    // The demo's rota: the mentor on weekday evenings in the lounge; nobody in the moderators' room.
    await row('Welcome lounge').getByRole('cell').first().filter({ hasText: '20 h' }).waitFor();
    await row('Welcome lounge').getByRole('cell').first().getByText('20 hours uncovered: 00:00–18:00, 22:00–24:00').waitFor();
    await row('Moderators’ room').getByRole('cell').last().filter({ hasText: '24 h' }).waitFor();
    expect(await sidewaysOverflow(admin)).toEqual([]);

    await admin.getByLabel('Room').selectOption({ label: 'Moderators’ room' });
    await admin.getByLabel('Person (username)').fill('mentor');
    await admin.getByLabel('Day').selectOption({ index: 6 });
    await admin.getByLabel('From (UTC)').fill('09:00');
    await admin.getByLabel('Until (UTC)').fill('12:00');
    await admin.getByRole('button', { name: 'Add the shift' }).click();
    await row('Moderators’ room').getByRole('cell').last().filter({ hasText: '21 h' }).waitFor();
    await admin.getByRole('status').filter({ hasText: 'Mateo Mentor is on the rota in Moderators’ room' }).waitFor();
    expect(await sidewaysOverflow(admin)).toEqual([]);

    // An overlapping shift is refused, saying with what.
    await admin.getByLabel('From (UTC)').fill('11:00');
    await admin.getByLabel('Until (UTC)').fill('13:00');
    await admin.getByRole('button', { name: 'Add the shift' }).click();
    await admin.getByRole('alert').filter({ hasText: 'Mateo Mentor has a shift in “Moderators’ room”' }).waitFor();

    await admin.getByRole('button', { name: /^Remove Mateo Mentor’s shift in Moderators’ room/ }).click();
    await row('Moderators’ room').getByRole('cell').last().filter({ hasText: '24 h' }).waitFor();
    await admin.getByRole('button', { name: 'Next week' }).click();
    await admin.getByRole('listitem').filter({ hasText: 'Nobody is on the rota this week.' }).waitFor();
  });

  it('lets someone in a room without a facilitator ask for a host, and says why when nobody can be asked', async () => {
    const { hearth } = chromium;
    const adminToken = (await hearth.http.post('/api/v1/auth/login', { login: 'admin', password: DEMO_PASSWORD })).body.accessToken as string;
    const rooms: ChatRoom[] = await expectStatus(hearth.http.get('/api/v1/chat/rooms', { token: adminToken }), 200);
    const room = (name: string) => rooms.find((r) => r.name === name)!;

    const sam = await signedIn('sam');
    await enterRoom(sam, hearth.baseUrl, room('Welcome lounge'));
    const ask = sam.getByRole('button', { name: 'Ask for a host' });
    await ask.click();
    await sam.getByRole('alert').filter({ hasText: 'No on-spot host who covers this room is online now' }).waitFor();

    // Riley becomes an on-spot host (of `general` rooms) and is online, in another room.
    const riley = (await expectStatus(hearth.http.get('/api/v1/admin/users?q=riley', { token: adminToken }), 200)).items[0];
    await expectStatus(hearth.http.post(`/api/v1/admin/users/${riley.id}/grants`, { roleKey: 'on_spot_host', reason: 'Hosts the lounge' }, { token: adminToken }), 201);
    const rileys = await signedIn('riley');
    await enterRoom(rileys, hearth.baseUrl, room('Support circle'));
    await ask.click();
    await sam.getByRole('status').filter({ hasText: 'One on-spot host was asked to come.' }).waitFor();
    await sam.getByRole('log', { name: 'New messages' }).filter({ hasText: 'Sam Okafor asked for a host. One on-spot host was told.' }).waitFor();
    await ask.click();
    await sam.getByRole('alert').filter({ hasText: 'can ask again at' }).waitFor();

    await rileys.goto(`${hearth.baseUrl}/notifications`);
    await rileys.getByRole('link', { name: 'Sam Okafor asks for a host in “Welcome lounge”' }).click();
    await heading(rileys, 'Welcome lounge');
    // With a host here, the room has a facilitator: nobody needs asking.
    await ask.waitFor({ state: 'detached' });
  });
});
