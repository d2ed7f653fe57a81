// argon2rs.hpp under C++17 with -Wall -Wextra -Wpedantic -Werror: each promise of the
// wrapper, checked against the C library it wraps.
#include "argon2rs.hpp"

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

static int failures = 0;
static int count = 0;

static void check(bool ok, const char *what) {
    ++count;
    std::printf("%s %d - %s\n", ok ? "ok" : "FAIL", count, what);
    if (!ok) ++failures;
}

template <typename F>
static lh_argon2_status status_thrown(F &&f) {
    try {
        f();
    } catch (const argon2rs::error &e) {
        return e.status();
    }
    return LH_ARGON2_OK;
}

int main() {
    using argon2rs::params;
    using argon2rs::profile;
    const params cheap = params::from_profile(profile::insecure_test_only);

    check(argon2rs::version() == lh_argon2_version(), "version() is the C library's version");
    check(params::defaults().m_cost == 65536 && params::defaults().t_cost == 3 &&
              params::defaults().parallelism == 4,
          "params::defaults() is the default profile (m=65536, t=3, p=4)");
    check(params::from_profile(profile::owasp).m_cost == 19 * 1024, "profiles have the C values");
    check(status_thrown([] { params::from_profile(static_cast<profile>(99)); }) ==
              LH_ARGON2_ERR_UNKNOWN_PROFILE,
          "an unknown profile throws error with LH_ARGON2_ERR_UNKNOWN_PROFILE");
    check(sizeof(params) == sizeof(lh_argon2_params), "params adds nothing to lh_argon2_params");

    const std::string stored = argon2rs::hash("correct horse", cheap);
    check(stored.rfind("$argon2id$v=19$m=8,t=1,p=1$", 0) == 0, "hash() returns a PHC string");
    check(stored.size() == cheap.encoded_len() - 1, "the string has the length encoded_len promised");
    check(argon2rs::verify(stored, "correct horse"), "verify() is true for the right password");
    check(!argon2rs::verify(stored, "correct horsf"), "verify() is false for a wrong password");
    check(argon2rs::try_verify(stored, "x") == LH_ARGON2_ERR_VERIFY_MISMATCH,
          "try_verify() returns LH_ARGON2_ERR_VERIFY_MISMATCH for a wrong password");

    const std::string with_nul = std::string("\0pw", 3);
    const std::string stored_nul = argon2rs::hash(with_nul, cheap);
    check(argon2rs::verify(stored_nul, with_nul) && !argon2rs::verify(stored_nul, ""),
          "passwords are bytes: an embedded NUL is part of the password");

    check(status_thrown([] { (void)argon2rs::verify("$argon2id$nonsense", "pw"); }) ==
              LH_ARGON2_ERR_MALFORMED_HASH,
          "verify() throws error(LH_ARGON2_ERR_MALFORMED_HASH) for a malformed hash");
    try {
        (void)argon2rs::verify("not a hash", "pw");
        check(false, "error::what() is the library's message");
    } catch (const argon2rs::error &e) {
        check(argon2rs::status_message(e.status()) == e.what(), "error::what() is the library's message");
    }
    check(argon2rs::try_verify(stored + std::string("\0junk", 5), "correct horse") ==
              LH_ARGON2_ERR_MALFORMED_HASH,
          "a hash with an embedded NUL is refused, not read up to the NUL");
    check(argon2rs::try_verify(std::string(LH_ARGON2_ENCODED_MAX, 'a'), "pw") ==
              LH_ARGON2_ERR_ENCODED_TOO_LONG,
          "an over-long string is LH_ARGON2_ERR_ENCODED_TOO_LONG");

    check(!argon2rs::needs_rehash(stored, cheap), "needs_rehash() is false for the same parameters");
    check(argon2rs::needs_rehash(stored), "needs_rehash() is true against the default profile");
    bool needs = false;
    check(argon2rs::try_needs_rehash("$argon2id$x", needs, cheap) == LH_ARGON2_ERR_MALFORMED_HASH,
          "try_needs_rehash() reports an invalid hash as an error, not as needs-rehash");

    check(argon2rs::decode(stored) == cheap, "decode() returns the parameters used");
    lh_argon2_params decoded{};
    check(argon2rs::try_decode("$argon2q$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g", decoded) ==
              LH_ARGON2_ERR_UNSUPPORTED_ALGORITHM,
          "try_decode() returns the status of a bad hash");

    params bad = cheap;
    bad.t_cost = 0;
    std::string out = "previous";
    check(argon2rs::try_hash("pw", out, bad) == LH_ARGON2_ERR_T_COST_TOO_SMALL && out.empty(),
          "try_hash() returns the parameter error and leaves the output empty");
    check(status_thrown([&] { (void)argon2rs::hash("pw", bad); }) == LH_ARGON2_ERR_T_COST_TOO_SMALL,
          "hash() throws error carrying the status");
    check(bad.variant() == argon2rs::algorithm::id, "variant() names the algorithm");

    const argon2rs::calibration found = argon2rs::calibrate(20, 1024, 2);
    check(found.measured_ms <= 20 && found.parameters.parallelism == 2 &&
              found.parameters.m_cost <= 1024,
          "calibrate() returns parameters within the budget and the memory ceiling");
    check(argon2rs::verify(argon2rs::hash("pw", found.parameters), "pw"),
          "calibrated parameters hash and verify");
    lh_argon2_params calibrated{};
    std::uint32_t ms = 0;
    check(argon2rs::try_calibrate(0, 1024, 1, calibrated, ms) == LH_ARGON2_ERR_TIME_BUDGET,
          "try_calibrate() returns LH_ARGON2_ERR_TIME_BUDGET for a zero budget");

    const std::string default_hash = argon2rs::hash("pw");
    check(default_hash.rfind("$argon2id$v=19$m=65536,t=3,p=4$", 0) == 0,
          "hash() without parameters uses the default profile");

    std::printf("%d passed, %d failed\n", count - failures, failures);
    return failures == 0 ? 0 : 1;
}
