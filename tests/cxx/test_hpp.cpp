// argon2rs.hpp under C++17 with -Wall -Wextra -Wpedantic -Werror: each promise of the
// wrapper, checked against the C library it wraps.
#include "argon2rs.hpp"

#include <utility>

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

// Every "throws nothing" claim, checked by the compiler (default arguments included).
static_assert(noexcept(argon2rs::try_verify(std::string_view(), std::string_view())),
              "try_verify is noexcept");
static_assert(noexcept(argon2rs::try_verify(std::string_view(), std::string_view(),
                                            argon2rs::options{})),
              "try_verify with options is noexcept");
static_assert(noexcept(argon2rs::try_needs_rehash(std::string_view(), std::declval<bool &>())),
              "try_needs_rehash against the default profile is noexcept");
static_assert(noexcept(argon2rs::try_decode(std::string_view(),
                                            std::declval<lh_argon2_params &>())),
              "try_decode is noexcept");
static_assert(noexcept(argon2rs::try_hash_raw(std::string_view(), std::string_view(), nullptr, 0,
                                              std::declval<const argon2rs::params &>())),
              "try_hash_raw into a buffer is noexcept");
static_assert(noexcept(argon2rs::status_message(0)) && noexcept(argon2rs::version()),
              "status_message and version are noexcept");

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
    check(status_thrown([] { (void)params::from_profile(static_cast<profile>(99)); }) ==
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

    // Options: pepper, associated data, limits.
    argon2rs::options peppered;
    peppered.secret = "server pepper";
    const std::string with_pepper = argon2rs::hash("pw", cheap, peppered);
    check(argon2rs::verify(with_pepper, "pw", peppered) && !argon2rs::verify(with_pepper, "pw"),
          "a pepper given in options is needed to verify");
    argon2rs::options with_ad;
    with_ad.associated_data = std::string_view("\0ad", 3);
    const std::string stored_ad = argon2rs::hash("pw", cheap, with_ad);
    check(argon2rs::verify(stored_ad, "pw", with_ad) && !argon2rs::verify(stored_ad, "pw"),
          "associated data given in options is needed to verify (the string does not carry it)");
    argon2rs::options other_ad;
    other_ad.associated_data = "other";
    check(argon2rs::try_verify(stored_ad, "pw", other_ad) == LH_ARGON2_ERR_VERIFY_MISMATCH,
          "other associated data does not verify");
    // LH_ARGON2_AD_MAX is 2^32 - 1 (over-long data cannot be built here): long data binds.
    argon2rs::options long_ad;
    const std::string long_data(4097, 'x');
    long_ad.associated_data = long_data;
    const std::string stored_long = argon2rs::hash("pw", cheap, long_ad);
    check(argon2rs::verify(stored_long, "pw", long_ad) && !argon2rs::verify(stored_long, "pw", with_ad),
          "associated data over the old 32-byte cap is bound into the tag");

    params wide = cheap;
    wide.parallelism = 20;
    wide.m_cost = 8 * 20;
    const std::string p20 = argon2rs::hash("pw", wide);
    check(argon2rs::try_verify(p20, "pw") == LH_ARGON2_ERR_COST_LIMIT_EXCEEDED,
          "p = 20 is beyond the default verify limits");
    argon2rs::options roomy;
    roomy.limits.max_parallelism = 20;
    check(argon2rs::verify(p20, "pw", roomy), "options.limits admit it");
    argon2rs::options tight;
    tight.limits.max_m_cost = 4;
    check(argon2rs::try_verify(stored, "correct horse", tight) == LH_ARGON2_ERR_COST_LIMIT_EXCEEDED,
          "options.limits can also be lowered");

    // Encoded strings go to the C library with their length.
    const std::string padded = stored + "$trailing junk";
    const std::string_view view(padded.data(), stored.size());
    check(argon2rs::verify(view, "correct horse") && argon2rs::decode(view) == cheap,
          "a string_view that is not NUL-terminated is read to its length only");
    check(argon2rs::try_verify(std::string_view(), "pw") == LH_ARGON2_ERR_MALFORMED_HASH,
          "an empty view is a malformed hash");

    // Raw derivation, against the C call.
    const std::string salt = "saltsaltsaltsalt";
    const std::vector<std::uint8_t> raw = argon2rs::hash_raw("pw", salt, cheap);
    std::uint8_t c_raw[32] = {0};
    lh_argon2_options c_opts{};
    const bool c_ok = lh_argon2_options_init(&c_opts) == LH_ARGON2_OK &&
                      lh_argon2_hash_raw_ext(reinterpret_cast<const std::uint8_t *>("pw"), 2,
                                             reinterpret_cast<const std::uint8_t *>(salt.data()),
                                             salt.size(), &cheap, &c_opts, c_raw,
                                             sizeof c_raw) == LH_ARGON2_OK;
    check(c_ok && raw.size() == 32 && std::vector<std::uint8_t>(c_raw, c_raw + 32) == raw,
          "hash_raw() is the C library's raw tag");
    check(argon2rs::hash_raw("pw", salt, cheap, peppered) != raw,
          "hash_raw() with a pepper gives another tag");
    std::vector<std::uint8_t> raw_out(5, 0xAA);
    check(argon2rs::try_hash_raw("pw", "short", raw_out, cheap) == LH_ARGON2_ERR_SALT_TOO_SHORT &&
              raw_out.empty(),
          "try_hash_raw() reports a short salt and leaves the vector empty");
    params huge_tag = cheap;
    huge_tag.hash_len = 0xFFFFFFFFu;  // valid for the raw calls (LH_ARGON2_RAW_HASH_LEN_MAX)
    huge_tag.t_cost = 0;
    check(argon2rs::try_hash_raw("pw", salt, raw_out, huge_tag) == LH_ARGON2_ERR_T_COST_TOO_SMALL &&
              raw_out.empty(),
          "try_hash_raw() refuses a call with a 4 GiB tag without allocating for it");
    params short_tag = cheap;
    short_tag.hash_len = 3;
    check(argon2rs::try_hash_raw("pw", salt, raw_out, short_tag) == LH_ARGON2_ERR_HASH_LEN_TOO_SHORT &&
              raw_out.empty(),
          "try_hash_raw() refuses a short tag length");
    params long_tag = cheap;
    long_tag.hash_len = 4100;
    check(argon2rs::try_hash_raw("pw", salt, raw_out, long_tag) == LH_ARGON2_OK && raw_out.size() == 4100,
          "try_hash_raw() makes a tag over the encoded 1024-byte cap");
    std::uint8_t buf[40];
    for (auto &b : buf) b = 0xAA;
    bool zeroed = argon2rs::try_hash_raw("pw", "short", buf, sizeof buf, cheap) ==
                  LH_ARGON2_ERR_SALT_TOO_SHORT;
    for (auto b : buf) zeroed = zeroed && b == 0;
    check(zeroed, "try_hash_raw() into a buffer zeroes it on failure");
    check(status_thrown([&] { (void)argon2rs::hash_raw("pw", "short", cheap); }) ==
              LH_ARGON2_ERR_SALT_TOO_SHORT,
          "hash_raw() throws error carrying the status");

    std::string default_out;
    check(argon2rs::try_hash("pw", default_out) == LH_ARGON2_OK &&
              default_out.rfind("$argon2id$v=19$m=65536,t=3,p=4$", 0) == 0,
          "try_hash() without parameters uses the default profile (no throwing default argument)");
    bool default_needs = false;
    check(argon2rs::try_needs_rehash(stored, default_needs) == LH_ARGON2_OK && default_needs,
          "try_needs_rehash() without parameters compares with the default profile");

    const std::string default_hash = argon2rs::hash("pw");
    check(default_hash.rfind("$argon2id$v=19$m=65536,t=3,p=4$", 0) == 0,
          "hash() without parameters uses the default profile");

    std::printf("%d passed, %d failed\n", count - failures, failures);
    return failures == 0 ? 0 : 1;
}
