// The pure domain: rules over plain data. No framework, no database, no clock.
export * from './vocabulary';
export * from './errors';
export * from './calendar';
export * from './text';
export * from './health';
export * from './rollup';
export * from './plan';
export * from './report';
export * from './sync';
export * from './escalation';
export * from './reorganisation';
export * from './as-of';
export * from './indicator';
export * from './indicator-sync';
export * from './reporting';
