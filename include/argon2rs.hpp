/*
 * argon2rs.hpp: a header-only C++17 interface to libargon2rs.
 *
 * A thin layer over argon2rs.h: every function is inline and makes exactly the C calls
 * you would make by hand. Failures throw argon2rs::error, which carries the
 * lh_argon2_status; every throwing call has a try_ twin that returns the status instead.
 * The try_ calls are noexcept, except try_hash and try_hash_raw into a std::string or
 * std::vector, which can let that container's std::bad_alloc through and nothing else.
 * A wrong password is not an error: verify() returns false. Every call whose result
 * matters is [[nodiscard]]. Encoded hashes are passed to the C library with their
 * length (the _len calls), so a std::string_view need not be NUL-terminated.
 *
 *   std::string stored = argon2rs::hash(password);             // default profile
 *   if (argon2rs::verify(stored, password)) {                   // logged in
 *       if (argon2rs::needs_rehash(stored)) stored = argon2rs::hash(password);
 *   }
 *
 * Link with the library as for C: argon2rs::argon2rs in CMake, or pkg-config argon2rs.
 */
#ifndef ARGON2RS_HPP
#define ARGON2RS_HPP

#if !(__cplusplus >= 201703L || (defined(_MSVC_LANG) && _MSVC_LANG >= 201703L))
#error "argon2rs.hpp needs C++17; use argon2rs.h from C++11"
#endif

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "argon2rs.h"

namespace argon2rs {

/** The named parameter presets, with the values of LH_ARGON2_PROFILE_*. */
enum class profile : lh_argon2_profile {
    rfc9106_low_memory = LH_ARGON2_PROFILE_RFC9106_LOW_MEMORY,
    rfc9106_high_memory = LH_ARGON2_PROFILE_RFC9106_HIGH_MEMORY,
    owasp = LH_ARGON2_PROFILE_OWASP,
    interactive = LH_ARGON2_PROFILE_INTERACTIVE,
    moderate = LH_ARGON2_PROFILE_MODERATE,
    sensitive = LH_ARGON2_PROFILE_SENSITIVE,
    insecure_test_only = LH_ARGON2_PROFILE_INSECURE_TEST_ONLY,
    default_profile = LH_ARGON2_PROFILE_DEFAULT,
};

/** The Argon2 variants, with the values of LH_ARGON2_D/I/ID. */
enum class algorithm : std::uint32_t {
    d = LH_ARGON2_D,
    i = LH_ARGON2_I,
    id = LH_ARGON2_ID,
};

/** The message of a status code (static storage, never empty). */
[[nodiscard]] inline std::string_view status_message(lh_argon2_status status) noexcept {
    return lh_argon2_status_message(status);
}

/** The library's version, e.g. "0.1.0". */
[[nodiscard]] inline std::string_view version() noexcept { return lh_argon2_version(); }

/** A failed call: what() is the library's message, status() the lh_argon2_status. */
class error : public std::runtime_error {
public:
    explicit error(lh_argon2_status status)
        : std::runtime_error(lh_argon2_status_message(status)), status_(status) {}
    [[nodiscard]] lh_argon2_status status() const noexcept { return status_; }

private:
    lh_argon2_status status_;
};

/**
 * Optional inputs of the _ext calls: a pepper (Argon2's secret K), associated data and,
 * for verify, the limits a stored hash may ask for. The views are borrowed for the
 * call; empty means none. Limit fields left 0 take the library defaults
 * (LH_ARGON2_DEFAULT_MAX_*); hashing ignores the limits.
 */
struct options {
    std::string_view secret;
    std::string_view associated_data;
    lh_argon2_limits limits{};
    /* How long the call may wait for the memory budget, in ms, before it fails with
     * LH_ARGON2_ERR_BUSY: 0 fails at once, LH_ARGON2_WAIT_FOREVER never gives up, and
     * the default takes the process-wide lh_argon2_set_memory_budget_wait_ms. */
    std::uint32_t budget_wait_ms = LH_ARGON2_WAIT_PROCESS_DEFAULT;
};

namespace detail {
inline void check(lh_argon2_status status) {
    if (status != LH_ARGON2_OK) throw error(status);
}

inline const std::uint8_t *bytes(std::string_view s) noexcept {
    return reinterpret_cast<const std::uint8_t *>(s.data());
}

/* The C struct for `o`: initialised whole (the sized form), then the caller's fields. */
inline lh_argon2_status to_c(const options &o, lh_argon2_options &out) noexcept {
    lh_argon2_status status = lh_argon2_options_init_sized(&out, sizeof out);
    if (status != LH_ARGON2_OK) return status;
    out.secret = bytes(o.secret);
    out.secret_len = o.secret.size();
    out.ad = bytes(o.associated_data);
    out.ad_len = o.associated_data.size();
    out.limits = o.limits;
    out.budget_wait_ms = o.budget_wait_ms;
    return LH_ARGON2_OK;
}

/* lh_argon2_hash_ext into `out`; `p` NULL is the default profile. `out` is empty on
 * failure. Only std::string's own allocation can throw. */
inline lh_argon2_status hash_into(std::string_view password, std::string &out,
                                  const lh_argon2_params *p, const options &o) {
    out.clear();
    lh_argon2_options c{};
    lh_argon2_status status = to_c(o, c);
    if (status != LH_ARGON2_OK) return status;
    std::size_t cap = lh_argon2_encoded_len(p);
    if (cap == 0) cap = 1; /* invalid parameters: let the call report which one */
    out.resize(cap);
    std::size_t written = 0;
    status = lh_argon2_hash_ext(bytes(password), password.size(), p, &c, out.data(), out.size(),
                                &written);
    out.resize(status == LH_ARGON2_OK ? written : 0);
    return status;
}

inline lh_argon2_status needs_rehash_into(std::string_view encoded, bool &out,
                                          const lh_argon2_params *p) noexcept {
    return lh_argon2_needs_rehash_len(encoded.data(), encoded.size(), p, &out);
}
}  // namespace detail

/**
 * Argon2 parameters: an lh_argon2_params (so a params is usable wherever the C API wants
 * a `const lh_argon2_params *`), made from a profile and then adjusted if needed.
 */
struct params : lh_argon2_params {
    /** The parameters of a profile; throws error(LH_ARGON2_ERR_UNKNOWN_PROFILE) otherwise. */
    [[nodiscard]] static params from_profile(profile p) {
        params out;
        detail::check(lh_argon2_params_from_profile(static_cast<lh_argon2_profile>(p), &out));
        return out;
    }
    /** The default profile (RFC 9106 low memory: Argon2id, m=64 MiB, t=3, p=4). */
    [[nodiscard]] static params defaults() { return from_profile(profile::default_profile); }

    /** The parameters of an existing C struct. */
    [[nodiscard]] static params from_c(const lh_argon2_params &c) noexcept {
        params out;
        static_cast<lh_argon2_params &>(out) = c;
        return out;
    }

    /** The buffer size lh_argon2_hash needs, NUL included; 0 for invalid parameters. */
    [[nodiscard]] std::size_t encoded_len() const noexcept { return lh_argon2_encoded_len(this); }

    /** The Argon2 variant as an enum. */
    [[nodiscard]] argon2rs::algorithm variant() const noexcept {
        return static_cast<argon2rs::algorithm>(algorithm);
    }

    friend bool operator==(const params &a, const params &b) noexcept {
        return a.algorithm == b.algorithm && a.version == b.version && a.m_cost == b.m_cost &&
               a.t_cost == b.t_cost && a.parallelism == b.parallelism &&
               a.hash_len == b.hash_len && a.salt_len == b.salt_len;
    }
    friend bool operator!=(const params &a, const params &b) noexcept { return !(a == b); }

private:
    params() noexcept : lh_argon2_params() {}
};

/** Hashes `password` with the default profile into `out` (a PHC string) and returns the
 * status; only std::string's std::bad_alloc can escape. `out` is empty on failure. */
[[nodiscard]] inline lh_argon2_status try_hash(std::string_view password, std::string &out) {
    return detail::hash_into(password, out, nullptr, options{});
}

/** As try_hash, with parameters `p` and, optionally, a pepper and associated data. */
[[nodiscard]] inline lh_argon2_status try_hash(std::string_view password, std::string &out,
                                               const params &p, const options &o = {}) {
    return detail::hash_into(password, out, &p, o);
}

/** Hashes `password` with a fresh random salt into a PHC string (the default profile);
 * throws error. */
[[nodiscard]] inline std::string hash(std::string_view password) {
    std::string out;
    detail::check(try_hash(password, out));
    return out;
}

/** As hash, with parameters `p` and, optionally, a pepper and associated data. */
[[nodiscard]] inline std::string hash(std::string_view password, const params &p,
                                      const options &o = {}) {
    std::string out;
    detail::check(try_hash(password, out, p, o));
    return out;
}

/** Checks `password` against a stored hash: LH_ARGON2_OK only on a match,
 * LH_ARGON2_ERR_VERIFY_MISMATCH for a wrong password, another code for a bad hash (one
 * containing a NUL is LH_ARGON2_ERR_MALFORMED_HASH). `o` gives the pepper and associated
 * data the hash was made with and the verify limits. */
[[nodiscard]] inline lh_argon2_status try_verify(std::string_view encoded,
                                                 std::string_view password,
                                                 const options &o = {}) noexcept {
    lh_argon2_options c{};
    lh_argon2_status status = detail::to_c(o, c);
    if (status != LH_ARGON2_OK) return status;
    return lh_argon2_verify_ext_len(encoded.data(), encoded.size(), detail::bytes(password),
                                    password.size(), &c);
}

/** True if `password` matches, false if it does not; throws error when `encoded` is not
 * a valid hash (or exceeds the verify limits, or memory runs out). */
[[nodiscard]] inline bool verify(std::string_view encoded, std::string_view password,
                                 const options &o = {}) {
    lh_argon2_status status = try_verify(encoded, password, o);
    if (status == LH_ARGON2_ERR_VERIFY_MISMATCH) return false;
    detail::check(status);
    return true;
}

/** Sets `out` to whether a stored hash was made with parameters other than the default
 * profile's (unchanged on failure). */
[[nodiscard]] inline lh_argon2_status try_needs_rehash(std::string_view encoded,
                                                       bool &out) noexcept {
    return detail::needs_rehash_into(encoded, out, nullptr);
}

/** Sets `out` to whether a stored hash was made with parameters other than `p`. */
[[nodiscard]] inline lh_argon2_status try_needs_rehash(std::string_view encoded, bool &out,
                                                       const params &p) noexcept {
    return detail::needs_rehash_into(encoded, out, &p);
}

/** Whether a stored hash should be replaced (after a successful verify) because it was
 * made with parameters other than the default profile's; throws error for an invalid
 * hash. */
[[nodiscard]] inline bool needs_rehash(std::string_view encoded) {
    bool out = false;
    detail::check(try_needs_rehash(encoded, out));
    return out;
}

/** As needs_rehash, against the parameters `p`. */
[[nodiscard]] inline bool needs_rehash(std::string_view encoded, const params &p) {
    bool out = false;
    detail::check(try_needs_rehash(encoded, out, p));
    return out;
}

/** Writes the parameters of a stored hash to `out` (unchanged on failure). */
[[nodiscard]] inline lh_argon2_status try_decode(std::string_view encoded,
                                                 lh_argon2_params &out) noexcept {
    return lh_argon2_decode_len(encoded.data(), encoded.size(), &out);
}

/** The parameters of a stored hash; throws error for an invalid hash. */
[[nodiscard]] inline params decode(std::string_view encoded) {
    lh_argon2_params c{};
    detail::check(try_decode(encoded, c));
    return params::from_c(c);
}

/** Raw key derivation into the caller's buffer: the `p.hash_len`-byte Argon2 tag of
 * `password` and `salt` (8 to 1024 bytes; `p.salt_len` is not used), with an optional
 * pepper and associated data. All `out_cap` bytes are zeroed before work starts, so they
 * hold zeros on failure. */
[[nodiscard]] inline lh_argon2_status try_hash_raw(std::string_view password,
                                                   std::string_view salt, std::uint8_t *out,
                                                   std::size_t out_cap, const params &p,
                                                   const options &o = {}) noexcept {
    lh_argon2_options c{};
    lh_argon2_status status = detail::to_c(o, c);
    if (status != LH_ARGON2_OK) return status;
    return lh_argon2_hash_raw_ext(detail::bytes(password), password.size(), detail::bytes(salt),
                                  salt.size(), &p, &c, out, out_cap);
}

/** As try_hash_raw, into `out` resized to `p.hash_len` bytes (empty on failure); only
 * std::vector's std::bad_alloc can escape. The tag is key material: wipe it when done. */
[[nodiscard]] inline lh_argon2_status try_hash_raw(std::string_view password,
                                                   std::string_view salt,
                                                   std::vector<std::uint8_t> &out,
                                                   const params &p, const options &o = {}) {
    out.clear();
    /* A tag may be up to 2^32 - 1 bytes: a first call with no buffer checks every
     * argument and stops at BUFFER_TOO_SMALL before any work, so a refused call never
     * allocates p.hash_len bytes. */
    lh_argon2_status checked = try_hash_raw(password, salt, nullptr, 0, p, o);
    if (checked != LH_ARGON2_ERR_BUFFER_TOO_SMALL) return checked;
    out.assign(p.hash_len, 0);
    lh_argon2_status status = try_hash_raw(password, salt, out.data(), out.size(), p, o);
    if (status != LH_ARGON2_OK) out.clear();
    return status;
}

/** The `p.hash_len`-byte raw Argon2 tag of `password` and `salt`; throws error. */
[[nodiscard]] inline std::vector<std::uint8_t> hash_raw(std::string_view password,
                                                        std::string_view salt, const params &p,
                                                        const options &o = {}) {
    std::vector<std::uint8_t> out;
    detail::check(try_hash_raw(password, salt, out, p, o));
    return out;
}

/** What calibrate() found: the parameters and the measured milliseconds per hash. */
struct calibration {
    params parameters;
    std::uint32_t measured_ms;
};

/** lh_argon2_calibrate: the strongest Argon2id parameters whose hash takes at most
 * `target_ms` here, with `parallelism` lanes and at most `max_m_cost` KiB. */
[[nodiscard]] inline lh_argon2_status try_calibrate(std::uint32_t target_ms,
                                                    std::uint32_t max_m_cost,
                                                    std::uint32_t parallelism,
                                                    lh_argon2_params &out,
                                                    std::uint32_t &measured_ms) noexcept {
    return lh_argon2_calibrate(target_ms, max_m_cost, parallelism, &out, &measured_ms);
}

/** As try_calibrate; throws error (e.g. LH_ARGON2_ERR_TIME_BUDGET). Takes a few times
 * `target_ms`. */
[[nodiscard]] inline calibration calibrate(std::uint32_t target_ms, std::uint32_t max_m_cost,
                                           std::uint32_t parallelism = 4) {
    lh_argon2_params c{};
    std::uint32_t measured_ms = 0;
    detail::check(try_calibrate(target_ms, max_m_cost, parallelism, c, measured_ms));
    return calibration{params::from_c(c), measured_ms};
}

}  // namespace argon2rs

#endif /* ARGON2RS_HPP */
