import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assetName } from '../../src/cli/assets.js';
import { aicc, aiccServe, seedDataDir, show, tempDir, type Serving } from './helpers.js';

const sbom = (purl: string, version: string) =>
  JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.5', version: 1, components: [{ type: 'library', name: purl.split('/').pop(), version, purl: `${purl}@${version}` }] });

describe('aicc assets against a running server', () => {
  const tmp = tempDir('assets');
  const data = join(tmp.dir, 'db');
  const file = (name: string, text: string) => {
    const path = join(tmp.dir, name);
    writeFileSync(path, text);
    return path;
  };
  let server: Serving;
  let token = '';
  const as = (...args: string[]) => aicc(args, { env: { AICC_SERVER: server.url, AICC_TOKEN: token } });

  beforeAll(async () => {
    await seedDataDir(data);
    const org = await aicc(['org', 'create', '--data', data, '--slug', 'utility', '--name', 'Local Utility', '--roles', 'subscriber']);
    expect(org.code, show(org)).toBe(0);
    const created = await aicc(['token', 'create', '--data', data, '--org', 'utility', '--name', 'cmdb', '--scopes', 'inventory']);
    expect(created.code, show(created)).toBe(0);
    token = (JSON.parse(created.stdout) as { token: string }).token;
    server = await aiccServe(['--data', data, '--port', '0']);
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    tmp.remove();
  });

  it('names an asset after its SBOM file', () => {
    expect(assetName('/x/scada-gateway.cdx.json')).toBe('scada-gateway');
    expect(assetName('billing.spdx')).toBe('billing');
    expect(assetName('hmi.xml')).toBe('hmi');
  });

  it('registers one asset per SBOM file, and a new SBOM version when the file changes', async () => {
    const a = file('scada-gateway.cdx.json', sbom('pkg:npm/left-pad', '1.0.0'));
    const first = await as('assets', 'import', a, '--json');
    expect(first.code, show(first)).toBe(0);
    expect((JSON.parse(first.stdout) as Array<{ name: string; sbom: { version: number } }>)[0]).toMatchObject({ name: 'scada-gateway', sbom: { version: 1 } });
    writeFileSync(a, sbom('pkg:npm/left-pad', '1.1.0'));
    const second = await as('assets', 'import', a, '--json');
    expect((JSON.parse(second.stdout) as Array<{ sbom: { version: number } }>)[0]!.sbom.version).toBe(2);
  });

  it('registers a manifest at once, with context and SBOM files beside it, or nothing when one entry is bad', async () => {
    file('hmi.cdx.json', sbom('pkg:pypi/requests', '2.30.0'));
    const manifest = file('assets.json', JSON.stringify({ assets: [
      { name: 'hmi', type: 'host', exposed: true, missionPrevalence: 'essential', sbomFile: 'hmi.cdx.json' },
      { name: 'pump-controller', type: 'device', vendor: 'Volta', product: 'PC-200 firmware', version: '4.1' },
    ] }));
    const r = await as('assets', 'import', manifest);
    expect(r.code, show(r)).toBe(0);
    expect(r.stdout).toMatch(/^hmi\s+host\s+yes\s+v1 cyclonedx\s+1\s+imported$/m);
    expect(r.stdout).toMatch(/^pump-controller\s+device\s+no\s+-\s+0\s+imported$/m);

    const bad = file('bad.json', JSON.stringify({ assets: [{ name: 'ok-one', type: 'host' }, { name: 'bad-one', type: 'spaceship' }] }));
    const refused = await as('assets', 'import', bad);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('/assets/1/type');
    const list = await as('assets', 'list', '--json');
    expect((JSON.parse(list.stdout) as Array<{ name: string }>).map((a) => a.name).sort()).toEqual(['hmi', 'pump-controller', 'scada-gateway']);
  });
});
