package dev.atelier.runtime.auth;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import org.bouncycastle.jce.ECNamedCurveTable;

/** PKCS#8 PEM private keys: read, written, generated, and completed with their public half. */
final class KeyPem {
  private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
  private static final String END = "-----END PRIVATE KEY-----";

  private KeyPem() {}

  /** Reads a PKCS#8 private key; the message never quotes the PEM, which is a secret. */
  static PrivateKey read(String pem) {
    String text = pem.strip();
    if (text.contains("BEGIN EC PRIVATE KEY") || text.contains("BEGIN RSA PRIVATE KEY")) {
      throw new IllegalArgumentException("the signing key must be PKCS#8 (BEGIN PRIVATE KEY); "
          + "convert it with: openssl pkcs8 -topk8 -nocrypt -in key.pem");
    }
    int begin = text.indexOf(BEGIN);
    int end = text.indexOf(END);
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException("the signing key is not a PEM 'PRIVATE KEY' block");
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(text.substring(begin + BEGIN.length(), end));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the signing key PEM is not valid base64");
    }
    for (String type : new String[] {"EC", "RSA"}) {
      try {
        return KeyFactory.getInstance(type).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException notThisType) {
        // try the next type
      }
    }
    throw new IllegalArgumentException("the signing key is neither an EC nor an RSA PKCS#8 private key");
  }

  static String write(PrivateKey key) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded());
    return BEGIN + "\n" + body + "\n" + END + "\n";
  }

  /** A new key pair: P-256 for ES256, 2048-bit RSA for RS256. */
  static KeyPair generate(boolean ec) {
    try {
      if (ec) {
        var g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
      }
      var g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot generate signing keys", e);
    }
  }

  /** The private key with its public half, which a PKCS#8 file need not carry. */
  static KeyPair complete(PrivateKey key) {
    try {
      PublicKey pub;
      if (key instanceof RSAPrivateCrtKey rsa) {
        pub = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
      } else if (key instanceof ECPrivateKey ec) {
        // Q = d·G on P-256; the JDK offers no point arithmetic, Bouncy Castle does
        var p256 = ECNamedCurveTable.getParameterSpec("secp256r1");
        if (!p256.getN().equals(ec.getParams().getOrder())) {
          throw new IllegalArgumentException("an EC signing key must be on P-256 (secp256r1)");
        }
        var q = p256.getG().multiply(ec.getS()).normalize();
        BigInteger x = q.getAffineXCoord().toBigInteger();
        BigInteger y = q.getAffineYCoord().toBigInteger();
        pub = KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), ec.getParams()));
      } else {
        throw new IllegalArgumentException("an RSA signing key must carry its CRT parameters (a standard PKCS#8 key does)");
      }
      return new KeyPair(pub, key);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot derive the public key of the signing key", e);
    }
  }
}
