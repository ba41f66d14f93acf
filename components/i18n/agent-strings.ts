/** The agents' strings in every built-in language, beside the customer's that their elements share. */
import './customer-strings.js';
import { enAgent } from './en-agent.js';
import { fiAgent } from './fi-agent.js';
import { addStrings } from './localize.js';
import { svAgent } from './sv-agent.js';

addStrings('en', enAgent);
addStrings('fi', fiAgent);
addStrings('sv', svAgent);
