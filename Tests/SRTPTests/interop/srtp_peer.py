"""SRTP interop peer for SRTPTests: pylibsrtp (with its own bundled libsrtp build) as the far end.

Reads one JSON request on stdin:
  {"profile": <DTLS-SRTP profile id>, "exported": <hex of the DTLS exporter output>,
   "role": "client" | "server"   (this peer's DTLS role),
   "protect_rtp": [hex], "protect_rtcp": [hex],        plaintext packets this peer sends
   "unprotect_rtp": [hex], "unprotect_rtcp": [hex]}    packets the Swift side protected
Writes one JSON reply on stdout:
  {"protected_rtp": [hex], "protected_rtcp": [hex],
   "unprotected_rtp": [hex | null], "unprotected_rtcp": [hex | null], "errors": [str]}

The exporter output is split here on its own, from RFC 5764 section 4.2
(client key | server key | client salt | server salt), with libsrtp's lengths for the profile.
"""

import json
import sys

from pylibsrtp import Error, Policy, Session
from pylibsrtp._binding import lib


def split_exported(exported: bytes, profile: int):
    key_len = lib.srtp_profile_get_master_key_length(profile)
    salt_len = lib.srtp_profile_get_master_salt_length(profile)
    if len(exported) != 2 * (key_len + salt_len):
        raise ValueError(f"profile {profile} needs {2 * (key_len + salt_len)} exported bytes, got {len(exported)}")
    client_key = exported[:key_len]
    server_key = exported[key_len : 2 * key_len]
    client_salt = exported[2 * key_len : 2 * key_len + salt_len]
    server_salt = exported[2 * key_len + salt_len :]
    return client_key + client_salt, server_key + server_salt


def main() -> None:
    request = json.load(sys.stdin)
    profile = request["profile"]
    client, server = split_exported(bytes.fromhex(request["exported"]), profile)
    local, remote = (client, server) if request["role"] == "client" else (server, client)
    sender = Session(Policy(key=local, ssrc_type=Policy.SSRC_ANY_OUTBOUND, srtp_profile=profile))
    receiver = Session(Policy(key=remote, ssrc_type=Policy.SSRC_ANY_INBOUND, srtp_profile=profile))

    errors = []

    def each(packets, operation, what):
        results = []
        for index, packet in enumerate(packets):
            try:
                results.append(operation(bytes.fromhex(packet)).hex())
            except Error as error:
                errors.append(f"{what}[{index}]: {error}")
                results.append(None)
        return results

    reply = {
        "protected_rtp": each(request["protect_rtp"], sender.protect, "protect_rtp"),
        "protected_rtcp": each(request["protect_rtcp"], sender.protect_rtcp, "protect_rtcp"),
        "unprotected_rtp": each(request["unprotect_rtp"], receiver.unprotect, "unprotect_rtp"),
        "unprotected_rtcp": each(request["unprotect_rtcp"], receiver.unprotect_rtcp, "unprotect_rtcp"),
        "errors": errors,
    }
    json.dump(reply, sys.stdout)


if __name__ == "__main__":
    main()
