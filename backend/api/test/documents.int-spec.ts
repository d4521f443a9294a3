import { createHash, randomUUID } from 'node:crypto';
import { ServiceProcess, createTestEnv, type TestEnv } from '@leitstand/backend/testing';
import { count, createTenantWorld, signIn, type Client } from './ticket-test-world';

/**
 * The document store (issue 14) against real api processes and PostgreSQL: multipart upload to tickets
 * and assets, content addressed by SHA-256 with PostgreSQL refusing UPDATE/DELETE, 413/415, download
 * bytes and headers, tenant checks (404, never 403) and customers' view.
 */
const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
// A 1×1 PNG (signature, IHDR, IDAT, IEND).
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a2d9d6a70000000049454e44ae426082',
  'hex',
);
// A JPEG's first bytes (SOI + JFIF APP0): what file-type needs to call it image/jpeg.
const JPEG = Buffer.concat([
  Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex'),
  Buffer.alloc(64, 0x11),
  Buffer.from('ffd9', 'hex'),
]);
// A Windows executable (MZ + DOS stub + PE header).
const EXE = Buffer.concat([
  Buffer.from('4d5a90000300000004000000ffff0000b800000000000000400000000000000000000000', 'hex'),
  Buffer.alloc(36),
  Buffer.from('80000000', 'hex'),
  Buffer.from('This program cannot be run in DOS mode.'),
  Buffer.alloc(64),
  Buffer.from('50450000', 'hex'),
  Buffer.alloc(256),
]);
const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/** An upload's answer: a DocumentView, or the API's error shape. */
interface UploadBody extends Record<string, unknown> {
  id: string;
  sha256: string;
  title: string;
  retentionUntil: string;
  message?: string;
  fields?: Array<{ field: string }>;
}

interface Upload {
  file?: { bytes: Buffer; name: string; type?: string } | null;
  fields?: Record<string, string>;
}

describe('document store (issue 14)', () => {
  let env: TestEnv;
  let api: ServiceProcess;
  let world: Awaited<ReturnType<typeof createTenantWorld>>;
  let other: Awaited<ReturnType<typeof createTenantWorld>>;
  let admin: Client;
  let agent: Client;
  let technician: Client;
  let outsideTechnician: Client;
  let manager: Client;
  let otherManager: Client;
  let customer: Client;
  let otherCustomer: Client;
  let ticketId: string;

  beforeAll(async () => {
    env = await createTestEnv('documents');
    api = await ServiceProcess.start('api', env.env);
    const ds = env.dataSource;
    world = await createTenantWorld(ds);
    other = await createTenantWorld(ds);
    [admin, agent, technician, outsideTechnician, manager, otherManager, customer, otherCustomer] = await Promise.all([
      signIn(ds, api.baseUrl, 'admin'),
      signIn(ds, api.baseUrl, 'agent'),
      signIn(ds, api.baseUrl, 'technician', { servesTenantIds: [world.tenantId] }),
      signIn(ds, api.baseUrl, 'technician', { servesTenantIds: [other.tenantId] }),
      signIn(ds, api.baseUrl, 'manager', { servesTenantIds: [world.tenantId] }),
      signIn(ds, api.baseUrl, 'manager', { servesTenantIds: [other.tenantId] }),
      signIn(ds, api.baseUrl, 'customer', { tenantId: world.tenantId }),
      signIn(ds, api.baseUrl, 'customer', { tenantId: other.tenantId }),
    ]);
    const ticket = await agent.post<{ id: string }>('/api/tickets', {
      siteId: world.siteId,
      assetId: world.assetA,
      title: 'Aufzug steht',
    });
    expect(ticket.status).toBe(201);
    ticketId = ticket.body.id;
  });

  afterAll(async () => {
    await api?.stop();
    await env?.cleanup();
  });

  async function upload(client: Client | null, path: string, u: Upload): Promise<{ status: number; body: UploadBody }> {
    const form = new FormData();
    for (const [k, v] of Object.entries(u.fields ?? {})) form.append(k, v);
    if (u.file) {
      const blob = new Blob([new Uint8Array(u.file.bytes)], { type: u.file.type ?? 'application/octet-stream' });
      form.append('file', blob, u.file.name);
    }
    const res = await fetch(`${api.baseUrl}${path}`, {
      method: 'POST',
      headers: client ? client.session.headers : {},
      body: form,
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as UploadBody };
  }
  const fieldsOf = (body: UploadBody): string[] => (body.fields ?? []).map((f) => f.field);
  const toTicket = (client: Client | null, u: Upload) => upload(client, `/api/tickets/${ticketId}/documents`, u);
  const photo = (name = 'foto.jpg', bytes = JPEG): Upload => ({
    file: { bytes, name, type: 'image/jpeg' },
    fields: { documentClass: 'photo', title: 'Schaltschrank' },
  });
  async function download(client: Client, id: string, headers: Record<string, string> = {}) {
    const res = await fetch(`${api.baseUrl}/api/documents/${id}/content`, {
      headers: { ...client.session.headers, ...headers },
    });
    return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
  }

  it('stores an upload to a ticket and streams the same bytes back with the right headers', async () => {
    const r = await toTicket(technician, {
      file: { bytes: PDF, name: 'Prüfbericht (Aufzug) 1.pdf', type: 'image/png' },
      fields: { documentClass: 'service-report', title: 'Leistungsnachweis', customerVisible: 'true' },
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      title: 'Leistungsnachweis',
      fileName: 'Prüfbericht (Aufzug) 1.pdf',
      documentClass: 'service-report',
      contentType: 'application/pdf',
      sizeBytes: PDF.length,
      sha256: sha256(PDF),
      customerVisible: true,
      tenantId: world.tenantId,
      uploadedBy: technician.user.id,
      version: 1,
    });
    // Service reports are vouchers: 8 years from the end of the upload year.
    expect(r.body.retentionUntil).toBe(`${new Date().getUTCFullYear() + 8}-12-31`);
    const d = await download(agent, r.body.id);
    expect(d.status).toBe(200);
    expect(sha256(d.bytes)).toBe(sha256(PDF));
    expect(d.headers.get('content-type')).toBe('application/pdf');
    expect(d.headers.get('content-length')).toBe(String(PDF.length));
    expect(d.headers.get('content-disposition')).toBe(
      `attachment; filename="Prufbericht (Aufzug) 1.pdf"; filename*=UTF-8''Pr%C3%BCfbericht%20%28Aufzug%29%201.pdf`,
    );
    expect(d.headers.get('x-content-type-options')).toBe('nosniff');
    expect(d.headers.get('cache-control')).toBe('private, max-age=3600');
    expect(d.headers.get('etag')).toBe(`"${sha256(PDF)}"`);
    // A stored file opened on its own runs nothing (a PDF's or an SVG's scripts): sandboxed, no sources.
    expect(d.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    const again = await download(agent, r.body.id, { 'if-none-match': `"${sha256(PDF)}"` });
    expect([again.status, again.bytes.length]).toEqual([304, 0]);
    const meta = await agent.get<{ id: string }>(`/api/documents/${r.body.id}`);
    expect([meta.status, meta.body.id]).toEqual([200, r.body.id]);
  });

  it('streams a multi-chunk file (3.5 MB) byte for byte', async () => {
    const big = Buffer.alloc(3.5 * 1024 * 1024);
    for (let i = 0; i < big.length; i++) big[i] = (i * 7919) % 251;
    PNG.copy(big);
    const r = await upload(admin, `/api/assets/${world.assetA}/documents`, {
      file: { bytes: big, name: 'typenschild.png' },
      fields: { documentClass: 'other' },
    });
    expect(r.status).toBe(201);
    expect(r.body.title).toBe('typenschild');
    const d = await download(manager, r.body.id);
    expect(d.status).toBe(200);
    expect(d.bytes.length).toBe(big.length);
    expect(sha256(d.bytes)).toBe(sha256(big));
    const list = await manager.get<{ items: Array<{ id: string }> }>(`/api/assets/${world.assetA}/documents`);
    expect(list.body.items.map((i) => i.id)).toEqual([r.body.id]);
  });

  it('keeps one content row for the same bytes uploaded twice, as two documents with their own titles', async () => {
    const bytes = Buffer.concat([JPEG.subarray(0, -2), Buffer.from('twice'), Buffer.from('ffd9', 'hex')]);
    const a = await toTicket(technician, {
      ...photo('a.jpg', bytes),
      fields: { documentClass: 'photo', title: 'Vorher' },
    });
    const b = await toTicket(agent, { ...photo('b.jpg', bytes), fields: { documentClass: 'photo', title: 'Nachher' } });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.id).not.toBe(b.body.id);
    expect(a.body.sha256).toBe(b.body.sha256);
    const ds = env.dataSource;
    expect(await count(ds, `SELECT count(*)::int AS n FROM document_contents WHERE sha256 = $1`, [sha256(bytes)])).toBe(
      1,
    );
    const titles = (await ds.query(`SELECT title FROM documents WHERE sha256 = $1 ORDER BY title`, [
      sha256(bytes),
    ])) as Array<{
      title: string;
    }>;
    expect(titles.map((t) => t.title)).toEqual(['Nachher', 'Vorher']);
    expect((await agent.get<{ title: string }>(`/api/documents/${a.body.id}`)).body.title).toBe('Vorher');
  });

  it('PostgreSQL refuses UPDATE of content, DELETE before retention and changes of immutable metadata', async () => {
    const r = await toTicket(agent, photo('trigger.jpg'));
    expect(r.status).toBe(201);
    const ds = env.dataSource; // the app's own database user
    const hash = r.body.sha256 as string;
    await expect(
      ds.query(`UPDATE document_contents SET content_type = 'image/png' WHERE sha256 = $1`, [hash]),
    ).rejects.toThrow(/immutable: UPDATE refused/);
    await expect(
      ds.query(`UPDATE document_contents SET bytes = '\\x00'::bytea WHERE sha256 = $1`, [hash]),
    ).rejects.toThrow(/UPDATE refused/);
    await expect(ds.query(`DELETE FROM document_contents WHERE sha256 = $1`, [hash])).rejects.toThrow(/DELETE refused/);
    await expect(ds.query(`DELETE FROM documents WHERE id = $1`, [r.body.id])).rejects.toThrow(
      /retained until .*DELETE refused/,
    );
    await expect(ds.query(`DELETE FROM document_links WHERE document_id = $1`, [r.body.id])).rejects.toThrow(/DELETE/);
    for (const set of [
      `sha256 = '${'0'.repeat(64)}'`,
      `tenant_id = '${other.tenantId}'`,
      `uploaded_by = '${admin.user.id}'`,
      `uploaded_at = now() - interval '1 day'`,
      `document_class = 'other'`,
      `file_name = 'x.jpg'`,
    ]) {
      await expect(ds.query(`UPDATE documents SET ${set} WHERE id = $1`, [r.body.id])).rejects.toThrow(/immutable/);
    }
    await expect(
      ds.query(`UPDATE documents SET retention_until = retention_until - 1 WHERE id = $1`, [r.body.id]),
    ).rejects.toThrow(/only move later/);
    await expect(ds.query(`TRUNCATE documents CASCADE`)).rejects.toThrow(/TRUNCATE refused/);
    // A content row claiming another hash is refused by its CHECK.
    await expect(
      ds.query(
        `INSERT INTO document_contents (sha256, bytes, size_bytes, content_type) VALUES ($1, '\\x01'::bytea, 1, 'image/png')`,
        ['1'.repeat(64)],
      ),
    ).rejects.toThrow(/ck_document_contents_sha256/);
    // Mutable metadata stays mutable; the bytes are the same afterwards.
    await ds.query(
      `UPDATE documents SET title = 'Neu', version = version + 1, retention_until = retention_until + 1 WHERE id = $1`,
      [r.body.id],
    );
    const d = await download(agent, r.body.id);
    expect(sha256(d.bytes)).toBe(hash);
    // A document whose retention has passed may go (and its link with it); its content only when unused.
    const [old] = (await ds.query(
      `INSERT INTO documents (tenant_id, sha256, title, file_name, document_class, retention_until, uploaded_by)
       VALUES ($1, $2, 'alt', 'alt.jpg', 'other', '2020-01-01', $3) RETURNING id`,
      [world.tenantId, hash, agent.user.id],
    )) as Array<{ id: string }>;
    await ds.query(`DELETE FROM documents WHERE id = $1`, [old?.id]);
  });

  it('answers 413 naming file for a 26 MB upload and stores nothing', async () => {
    const before = await count(env.dataSource, `SELECT count(*)::int AS n FROM documents`);
    const big = Buffer.alloc(26 * 1024 * 1024, 0x20);
    PDF.copy(big);
    const r = await toTicket(agent, { file: { bytes: big, name: 'gross.pdf' }, fields: { documentClass: 'other' } });
    expect([r.status, fieldsOf(r.body)]).toEqual([413, ['file']]);
    expect(r.body.message).toMatch(/25 MB/);
    expect(await count(env.dataSource, `SELECT count(*)::int AS n FROM documents`)).toBe(before);
  });

  it('answers 415 naming file for an EXE renamed .pdf, and for a PDF filed as a photo', async () => {
    const exe = await toTicket(agent, {
      file: { bytes: EXE, name: 'rechnung.pdf', type: 'application/pdf' },
      fields: { documentClass: 'invoice' },
    });
    expect([exe.status, fieldsOf(exe.body)]).toEqual([415, ['file']]);
    const pdfPhoto = await toTicket(agent, {
      file: { bytes: PDF, name: 'foto.jpg' },
      fields: { documentClass: 'photo' },
    });
    expect([pdfPhoto.status, fieldsOf(pdfPhoto.body)]).toEqual([415, ['file']]);
    const json = await agent.post(`/api/tickets/${ticketId}/documents`, { documentClass: 'photo' });
    expect(json.status).toBe(415);
  });

  it('answers 400 naming the field for bad input, and writes nothing', async () => {
    const before = await count(env.dataSource, `SELECT count(*)::int AS n FROM documents`);
    const cases: Array<[string, Upload, string[]]> = [
      ['missing file', { fields: { documentClass: 'photo' } }, ['file']],
      ['unknown class', { ...photo(), fields: { documentClass: 'selfie' } }, ['documentClass']],
      ['missing class', { ...photo(), fields: { title: 'x' } }, ['documentClass']],
      ['too-long title', { ...photo(), fields: { documentClass: 'photo', title: 'x'.repeat(201) } }, ['title']],
      ['blank title', { ...photo(), fields: { documentClass: 'photo', title: '   ' } }, ['title']],
      [
        'customerVisible not a boolean',
        { ...photo(), fields: { documentClass: 'photo', customerVisible: 'ja' } },
        ['customerVisible'],
      ],
      [
        'nextTestDue not a date',
        { ...photo(), fields: { documentClass: 'inspection-report', nextTestDue: '2027-02-30' } },
        ['nextTestDue'],
      ],
      ['unknown field', { ...photo(), fields: { documentClass: 'photo', tenantId: other.tenantId } }, ['tenantId']],
      [
        'empty file',
        { file: { bytes: Buffer.alloc(0), name: 'leer.jpg' }, fields: { documentClass: 'photo' } },
        ['file'],
      ],
    ];
    for (const [label, u, fields] of cases) {
      const r = await toTicket(agent, u);
      expect({ label, status: r.status, fields: fieldsOf(r.body) }).toEqual({ label, status: 400, fields });
    }
    expect(await count(env.dataSource, `SELECT count(*)::int AS n FROM documents`)).toBe(before);
  });

  it('answers 404 for wrong ids (never 500), on every document route', async () => {
    // (An id of another tenant is in the next test: agents serve every tenant.)
    for (const id of ['not-a-uuid', '00000000-0000-0000-0000-000000000000', randomUUID(), `${ticketId}x`]) {
      expect((await agent.get(`/api/documents/${encodeURIComponent(id)}`)).status).toBe(404);
      expect((await download(agent, encodeURIComponent(id))).status).toBe(404);
      expect((await agent.get(`/api/tickets/${encodeURIComponent(id)}/documents`)).status).toBe(404);
      expect((await upload(agent, `/api/tickets/${encodeURIComponent(id)}/documents`, photo())).status).toBe(404);
      expect((await upload(agent, `/api/assets/${encodeURIComponent(id)}/documents`, photo())).status).toBe(404);
    }
  });

  it('keeps documents inside their tenant: 404 for staff of another scope and customers of another tenant', async () => {
    const r = await toTicket(technician, {
      ...photo('kunde.jpg'),
      fields: { documentClass: 'photo', customerVisible: 'true' },
    });
    expect(r.status).toBe(201);
    for (const [who, client] of [
      ['manager of another tenant', otherManager],
      ['technician of another tenant', outsideTechnician],
      ['customer of another tenant', otherCustomer],
    ] as const) {
      expect({ who, status: (await client.get(`/api/documents/${r.body.id}`)).status }).toEqual({ who, status: 404 });
      expect({ who, status: (await download(client, r.body.id)).status }).toEqual({ who, status: 404 });
      expect({ who, status: (await client.get(`/api/tickets/${ticketId}/documents`)).status }).toEqual({
        who,
        status: 404,
      });
    }
    expect((await upload(otherManager, `/api/tickets/${ticketId}/documents`, photo())).status).toBe(404);
    expect((await upload(outsideTechnician, `/api/assets/${world.assetA}/documents`, photo())).status).toBe(404);
    expect((await upload(customer, `/api/tickets/${ticketId}/documents`, photo())).status).toBe(403);
    expect((await upload(null, `/api/tickets/${ticketId}/documents`, photo())).status).toBe(401);
  });

  it('shows customers only the documents marked for customers, without the uploader', async () => {
    const internal = await toTicket(agent, {
      ...photo('intern.jpg'),
      fields: { documentClass: 'photo', title: 'Intern' },
    });
    const shared = await toTicket(agent, {
      ...photo('geteilt.jpg'),
      fields: { documentClass: 'photo', title: 'Für Kunden', customerVisible: 'true' },
    });
    const list = await customer.get<{ items: Array<{ id: string; customerVisible: boolean; uploadedBy: unknown }> }>(
      `/api/tickets/${ticketId}/documents`,
    );
    expect(list.status).toBe(200);
    const ids = list.body.items.map((i) => i.id);
    expect(ids).toContain(shared.body.id);
    expect(ids).not.toContain(internal.body.id);
    expect(list.body.items.every((i) => i.customerVisible && i.uploadedBy === null)).toBe(true);
    expect((await customer.get(`/api/documents/${internal.body.id}`)).status).toBe(404);
    expect((await download(customer, internal.body.id)).status).toBe(404);
    const d = await download(customer, shared.body.id);
    expect([d.status, sha256(d.bytes)]).toEqual([200, sha256(JPEG)]);
    // Staff see both.
    const staff = await agent.get<{ items: Array<{ id: string }> }>(`/api/tickets/${ticketId}/documents`);
    expect(staff.body.items.map((i) => i.id)).toEqual(expect.arrayContaining([internal.body.id, shared.body.id]));
  });

  it('lets the office retitle a document and show it to customers, with If-Match; content stays as stored', async () => {
    const r = await toTicket(technician, { ...photo('typenschild.jpg'), fields: { documentClass: 'photo' } });
    expect(r.status).toBe(201);
    const id = r.body.id;
    expect((await customer.get(`/api/documents/${id}`)).status).toBe(404);
    const path = `/api/documents/${id}`;

    const edited = await agent.patch<UploadBody & { version: number; customerVisible: boolean }>(
      path,
      { title: 'Typenschild Aufzug 2', customerVisible: true },
      { 'if-match': '"1"' },
    );
    expect([edited.status, edited.body.title, edited.body.customerVisible, edited.body.version]).toEqual([
      200,
      'Typenschild Aufzug 2',
      true,
      2,
    ]);
    expect(edited.headers.get('etag')).toBe('"2"');
    expect(edited.body.sha256).toBe(r.body.sha256);
    // The customer sees it now, with the new title and the same bytes.
    const seen = await customer.get<{ title: string }>(path);
    expect([seen.status, seen.body.title]).toEqual([200, 'Typenschild Aufzug 2']);
    expect(sha256((await download(customer, id)).bytes)).toBe(sha256(JPEG));

    // A stale version is 412 and changes nothing; no If-Match is 428; bad fields are 400 naming them.
    const stale = await manager.patch(path, { customerVisible: false }, { 'if-match': '"1"' });
    expect(stale.status).toBe(412);
    expect((await manager.patch(path, { customerVisible: false })).status).toBe(428);
    for (const [body, field] of [
      [{ title: '' }, 'title'],
      [{ title: 'x'.repeat(201) }, 'title'],
      [{ customerVisible: 'yes' }, 'customerVisible'],
      [{ title: null }, 'title'],
      [{ documentClass: 'invoice' }, 'documentClass'],
    ] as const) {
      const bad = await agent.patch<{ fields?: Array<{ field: string }> }>(path, body, { 'if-match': '"2"' });
      expect({ body, status: bad.status, fields: bad.body.fields?.map((f) => f.field) }).toEqual({
        body,
        status: 400,
        fields: [field],
      });
    }
    const [row] = (await env.dataSource.query(
      `SELECT title, customer_visible, version, file_name, document_class FROM documents WHERE id = $1`,
      [id],
    )) as Array<Record<string, unknown>>;
    expect(row).toEqual({
      title: 'Typenschild Aufzug 2',
      customer_visible: true,
      version: 2,
      file_name: 'typenschild.jpg',
      document_class: 'photo',
    });

    // The phone and the customer do not edit documents; another tenant's staff get 404.
    expect((await technician.patch(path, { title: 'x' }, { 'if-match': '"2"' })).status).toBe(403);
    expect((await customer.patch(path, { title: 'x' }, { 'if-match': '"2"' })).status).toBe(403);
    expect((await otherManager.patch(path, { title: 'x' }, { 'if-match': '"2"' })).status).toBe(404);
    expect((await agent.patch(`/api/documents/${randomUUID()}`, { title: 'x' }, { 'if-match': '"1"' })).status).toBe(
      404,
    );
  });

  it('never loses a concurrent edit: of two PATCHes with the same version exactly one wins', async () => {
    const r = await toTicket(agent, { ...photo('parallel.jpg'), fields: { documentClass: 'photo' } });
    const path = `/api/documents/${r.body.id}`;
    const answers = await Promise.all(
      ['Erster', 'Zweiter', 'Dritter', 'Vierter'].map((title) =>
        (title.length % 2 ? agent : manager).patch<{ title: string }>(path, { title }, { 'if-match': '"1"' }),
      ),
    );
    const won = answers.filter((a) => a.status === 200);
    expect(won).toHaveLength(1);
    expect(answers.filter((a) => a.status === 412)).toHaveLength(3);
    const now = await agent.get<{ title: string; version: number }>(path);
    expect([now.body.title, now.body.version]).toEqual([won[0]?.body.title, 2]);
  });

  it('keeps multipart away from every other route (415) and the JSON routes working', async () => {
    const form = new FormData();
    form.append('title', 'x');
    const res = await fetch(`${api.baseUrl}/api/tickets/${ticketId}/comments`, {
      method: 'POST',
      headers: agent.session.headers,
      body: form,
    });
    expect(res.status).toBe(415);
    expect((await agent.post(`/api/tickets/${ticketId}/comments`, { text: 'Foto angehängt' })).status).toBe(201);
  });
});
