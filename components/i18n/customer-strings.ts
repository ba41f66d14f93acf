/** The customer's strings in every built-in language; the widget loads only these. */
import { enCustomer } from './en-customer.js';
import { fiCustomer } from './fi-customer.js';
import { addStrings } from './localize.js';
import { svCustomer } from './sv-customer.js';

addStrings('en', enCustomer);
addStrings('fi', fiCustomer);
addStrings('sv', svCustomer);
