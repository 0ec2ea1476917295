import { signToken, TokenAuthority } from '@tracker/auth';
import { EscalationLevel, Role } from '@tracker/domain';

/** A demo sign-in lasts a working day. */
export const DEMO_IDENTITY_TTL = '12h';

/**
 * One-click sign-in for the demo: tokens for a few seats, signed with the demo's
 * key. Served only by `npm start`; a production start has no such route.
 */
export function demoIdentities(authority: TokenAuthority): { label: string; token: string }[] {
  const seats = [
    { label: 'Văn phòng chương trình (PMO)', request: { role: Role.PMO, sub: 'demo-pmo' } },
    {
      label: 'Bộ trưởng Bộ TN&MT',
      request: {
        role: Role.LEADER,
        level: EscalationLevel.MINISTER,
        unit: 'BTNMT',
        sub: 'demo-bo-truong-btnmt',
      },
    },
    {
      label: 'Lãnh đạo UBND tỉnh Bắc Kạn',
      request: {
        role: Role.LEADER,
        level: EscalationLevel.UNIT_LEADERSHIP,
        unit: '06',
        sub: 'demo-ubnd-bac-kan',
      },
    },
    {
      label: 'Văn phòng Chính phủ',
      request: { role: Role.LEADER, level: EscalationLevel.GOVERNMENT, sub: 'demo-vpcp' },
    },
  ];
  return seats.map((s) => ({
    label: s.label,
    token: signToken(authority, s.request, DEMO_IDENTITY_TTL),
  }));
}
