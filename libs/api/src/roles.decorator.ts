import { SetMetadata } from '@nestjs/common';
import { Role } from '@tracker/domain';

export const ROLES_KEY = 'tracker:roles';

/** Only these roles may call the operation; others get FORBIDDEN before it runs. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
