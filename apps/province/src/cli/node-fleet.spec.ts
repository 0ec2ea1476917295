import { ProvinceRecord } from '@tracker/persistence';
import { RunningProvince } from '../bootstrap';
import { NodeFleet, startFailure } from './node-fleet';

const HA_NOI = { code: '01', name: 'Hà Nội' } as ProvinceRecord;
const HA_GIANG = { code: '02', name: 'Hà Giang' } as ProvinceRecord;

function recordingLog() {
  const lines: { level: string; message: string }[] = [];
  const at = (level: string) => (message: string) => {
    lines.push({ level, message });
  };
  return { lines, log: { log: at('log'), warn: at('warn'), error: at('error') } };
}

/** A started node whose database answers syncState with `state`. */
function nodeAnswering(state: () => Promise<unknown>): RunningProvince {
  return {
    app: { get: () => ({ syncState: state }) },
    stop: () => Promise.resolve(),
  } as unknown as RunningProvince;
}

function portTaken(port: number): Error {
  return Object.assign(new Error(`listen EADDRINUSE: address already in use :::${port}`), {
    code: 'EADDRINUSE',
    port,
  });
}

describe('NodeFleet', () => {
  it('names a node whose port is taken, starts the others, and starts it once the port is free', async () => {
    const { lines, log } = recordingLog();
    let attemptsOn02 = 0;
    const start = (env: Record<string, string | undefined>) => {
      if (env.PROVINCE_CODE === '02' && ++attemptsOn02 === 1)
        return Promise.reject(portTaken(3102));
      return Promise.resolve(
        nodeAnswering(() => Promise.resolve({ pending: 0, centralReachable: true })),
      );
    };
    const fleet = new NodeFleet(async (p) => ({ PROVINCE_CODE: p.code }), log, 10, start as never);
    const started: string[] = [];
    let secondStarted!: () => void;
    const second = new Promise<void>((resolve) => (secondStarted = resolve));
    await fleet.startAll([HA_NOI, HA_GIANG], (p) => {
      started.push(p.code);
      if (p.code === '02') secondStarted();
    });
    expect(started).toEqual(['01']);
    expect(fleet.failed).toEqual(['02']);
    await second;
    expect(started).toEqual(['01', '02']);
    expect(fleet.failed).toEqual([]);
    expect(lines.filter((l) => l.level === 'error').map((l) => l.message)).toEqual([
      'province 02 (Hà Giang) could not start: port 3102 is in use by another process; the others carry on, this one is tried again in 0 s',
    ]);
    await fleet.stop();
  });

  it('logs a summary when a node database refuses, and does not reject', async () => {
    const { lines, log } = recordingLog();
    const rejections: unknown[] = [];
    const onRejection = (r: unknown) => rejections.push(r);
    process.on('unhandledRejection', onRejection);
    const fleet = new NodeFleet(async () => ({}), log);
    fleet.running.push(
      nodeAnswering(() => Promise.resolve({ pending: 3, centralReachable: false })),
      nodeAnswering(() => Promise.reject(new Error('sorry, too many clients already'))),
    );
    const logged = new Promise<void>((resolve) => {
      const original = log.log;
      log.log = (m: string) => {
        original(m);
        resolve();
      };
    });
    const timer = fleet.summarise(5);
    await logged;
    clearInterval(timer);
    process.off('unhandledRejection', onRejection);
    expect(lines[0]).toEqual({
      level: 'log',
      message:
        '3 report(s) waiting in outboxes; 1 node(s) cannot reach the centre; 1 node database(s) did not answer',
    });
    expect(rejections).toEqual([]);
  });

  it('logs a summary that fails outright as a warning and keeps summarising', async () => {
    const { lines, log } = recordingLog();
    const fleet = new NodeFleet(async () => ({}), log);
    fleet.running.push({
      app: {
        get: () => {
          throw new Error('Nest could not find LocalStoreRepository');
        },
      },
    } as unknown as RunningProvince);
    const twice = new Promise<void>((resolve) => {
      log.warn = (m: string) => {
        lines.push({ level: 'warn', message: m });
        if (lines.length === 2) resolve();
      };
    });
    const timer = fleet.summarise(5);
    await twice;
    clearInterval(timer);
    expect(lines.map((l) => l.message)).toEqual([
      'outbox summary failed: Error: Nest could not find LocalStoreRepository',
      'outbox summary failed: Error: Nest could not find LocalStoreRepository',
    ]);
  });

  it('says why a node did not start in words an operator can act on', () => {
    expect(startFailure(portTaken(3127))).toBe('port 3127 is in use by another process');
    expect(startFailure(new Error('sorry, too many clients already'))).toBe(
      'sorry, too many clients already',
    );
  });
});
