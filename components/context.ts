import { createContext } from '@lit/context';
import type { TiskiClient } from './client/tiski-client.js';

/** The agent side's one connection, provided by `<chat-connection>` to every element below it. */
export const clientContext = createContext<TiskiClient | undefined>(Symbol('tiski-client'));
