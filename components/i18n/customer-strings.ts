/** The customer's strings in every built-in language, loaded with the widget's conversation view. */
import { enCustomer } from './en-customer.js';
import { fiCustomer } from './fi-customer.js';
import './launcher-strings.js';
import { addStrings } from './localize.js';
import { svCustomer } from './sv-customer.js';

addStrings('en', enCustomer);
addStrings('fi', fiCustomer);
addStrings('sv', svCustomer);
