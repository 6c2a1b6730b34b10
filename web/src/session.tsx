import { createContext, useContext } from 'react';
import type { User } from './types.js';

export interface Session {
  user: User | null;
  signedIn: (user: User) => void;
  signOut: () => Promise<void>;
}

export const SessionContext = createContext<Session>({
  user: null,
  signedIn: () => undefined,
  signOut: () => Promise.resolve(),
});

export function useSession(): Session {
  return useContext(SessionContext);
}

/** The admin area is for administrators of an operator organization. */
export function canAdminister(user: User | null): boolean {
  return Boolean(user?.isAdmin && user.org.roles.includes('operator'));
}
