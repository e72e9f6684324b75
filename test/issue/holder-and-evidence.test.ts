import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { digestMultibase, digestMultibaseOfSha256, documentMatchesDigest } from '../../src/issue/profiles/evidence.js';
import { hashIdentity, holderSubject, identityMatches } from '../../src/issue/profiles/holder-identity.js';
import { directionOf } from '../../src/issue/profiles/multilingual-text.js';

describe('what a verifier can check offline in a profile credential', () => {
  it('matches a passport shown in person against its salted hash, whatever the spacing or case', () => {
    const subject = holderSubject({ name: 'Hassan Ouchen', identifiers: [{ type: 'passport', value: 'TK 903-8451' }] }, 'salt-1') as {
      identifier: Array<Record<string, string>>;
    };
    const [identity] = subject.identifier as [Record<string, string>];
    expect(identity).to.include({ identityType: 'ext:passportNumber', salt: 'salt-1' });
    expect(identity.identityHash).to.equal(`sha256$${createHash('sha256').update('TK9038451salt-1').digest('hex')}`);
    for (const shown of ['TK9038451', 'tk 903 8451', 'TK-9038451']) expect(identityMatches(identity as never, shown), shown).to.equal(true);
    expect(identityMatches(identity as never, 'TK9038452')).to.equal(false);
    expect(hashIdentity('emailAddress', ' A@Example.org ', 's')).to.equal(hashIdentity('emailAddress', 'a@example.org', 's'));
  });

  it('gives a document digest (multibase SHA-256 multihash) that the same bytes match and other bytes do not', () => {
    const document = Buffer.from('%PDF-1.7 relevé de notes');
    const digest = digestMultibase(document);
    expect(digest).to.match(/^uEi[A-D][A-Za-z0-9_-]{43}$/);
    expect(digest).to.equal(digestMultibaseOfSha256(createHash('sha256').update(document).digest('hex')));
    expect(documentMatchesDigest(document, digest)).to.equal(true);
    expect(documentMatchesDigest(Buffer.from('%PDF-1.7 relevé de notes!'), digest)).to.equal(false);
  });

  it('tells a display which way a language tag runs (no @direction can be signed in safe mode)', () => {
    for (const tag of ['ar', 'ar-MA', 'he', 'fa', 'ur', 'ms-Arab', 'ff-Adlm', 'nqo']) expect(directionOf(tag), tag).to.equal('rtl');
    for (const tag of ['fr', 'de', 'es', 'en', 'ber-Tfng', 'ber-Latn', 'ar-Latn']) expect(directionOf(tag), tag).to.equal('ltr');
  });
});
