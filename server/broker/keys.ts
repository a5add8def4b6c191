import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { calculateJwkThumbprint, exportJWK, exportPKCS8, exportSPKI, generateKeyPair, importPKCS8, type CryptoKey, type JWK } from 'jose';
import type { Database } from '../storage/database.js';
import { sharedSecret } from '../storage/secrets.js';

/** The broker's token-signing key: made once, kept in the database for every instance. */
export async function signingKeys(db: Database): Promise<JWK[]> {
  const key = await sharedSecret(db, 'broker.signing-key.rs256', async () => {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 });
    const jwk = await exportJWK(privateKey);
    return { ...jwk, alg: 'RS256', use: 'sig', kid: await calculateJwkThumbprint(jwk) };
  });
  return [key];
}

/** Keys that sign the broker's cookies. */
export function cookieKeys(db: Database): Promise<string[]> {
  return sharedSecret(db, 'broker.cookie-keys', () => [randomBytes(32).toString('base64url')]);
}

/**
 * The SeP's decryption key for NIA's id_tokens: NIA_KEY_FILE when given (the
 * key of the certificate registered in the NIA portal), otherwise made once
 * and kept in the database; its public half is served for registration.
 */
export async function niaKeys(db: Database, keyFile: string | undefined): Promise<{ privateKey: CryptoKey; publicPem: string }> {
  const pem = keyFile
    ? { privatePem: readFileSync(keyFile, 'utf8'), publicPem: undefined }
    : await sharedSecret(db, 'nia.sep-key.rsa-oaep', async () => {
        const pair = await generateKeyPair('RSA-OAEP', { extractable: true, modulusLength: 2048 });
        return { privatePem: await exportPKCS8(pair.privateKey), publicPem: await exportSPKI(pair.publicKey) };
      });
  const privateKey = await importPKCS8(pem.privatePem, 'RSA-OAEP', { extractable: true });
  let publicPem = pem.publicPem;
  if (!publicPem) {
    const { createPublicKey } = await import('node:crypto');
    publicPem = createPublicKey(pem.privatePem).export({ type: 'spki', format: 'pem' }).toString();
  }
  return { privateKey, publicPem };
}
