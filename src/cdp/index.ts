/** Public surface of src/cdp/: what the panel, the command line and the content scripts use. */
export { CdpError, type CdpTransport } from './transport.ts';
