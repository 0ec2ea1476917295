import { loadProvinceConfig, ProvinceConfigError } from './province-config';

const required = {
  PROVINCE_CODE: '01',
  CENTRAL_URL: 'http://localhost:3000',
  NODE_TOKEN: 'a-node-token-of-some-length',
};

describe('province config: HTTP timeouts', () => {
  it('keeps idle connections longer than a load balancer’s 60 s by default', () => {
    const config = loadProvinceConfig(required);
    expect(config.keepAliveTimeoutMs).toBe(65_000);
    expect(config.headersTimeoutMs).toBe(66_000);
  });

  it('refuses a value that is not a whole number of milliseconds, and a headers timeout too short', () => {
    const load = (env: Record<string, string>) => () => loadProvinceConfig({ ...required, ...env });
    expect(load({ HTTP_KEEP_ALIVE_TIMEOUT_MS: 'sixty' })).toThrow(ProvinceConfigError);
    expect(load({ HTTP_KEEP_ALIVE_TIMEOUT_MS: 'sixty' })).toThrow(
      'HTTP_KEEP_ALIVE_TIMEOUT_MS must be a whole number of milliseconds from 1000 to 300000',
    );
    expect(load({ HTTP_KEEP_ALIVE_TIMEOUT_MS: '30000', HTTP_HEADERS_TIMEOUT_MS: '20000' })).toThrow(
      'HTTP_HEADERS_TIMEOUT_MS must be greater than HTTP_KEEP_ALIVE_TIMEOUT_MS',
    );
  });
});
