/*
 * argon2rs.hpp: a header-only C++17 interface to libargon2rs.
 *
 * A thin layer over argon2rs.h: every function is inline and makes exactly the C calls
 * you would make by hand. Failures throw argon2rs::error, which carries the
 * lh_argon2_status; every throwing call has a try_ twin that returns the status instead
 * and throws nothing of its own (those that fill a std::string may still let
 * std::bad_alloc through). A wrong password is not an error: verify() returns false.
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
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>

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
inline std::string_view status_message(lh_argon2_status status) noexcept {
    return lh_argon2_status_message(status);
}

/** The library's version, e.g. "0.1.0". */
inline std::string_view version() noexcept { return lh_argon2_version(); }

/** A failed call: what() is the library's message, status() the lh_argon2_status. */
class error : public std::runtime_error {
public:
    explicit error(lh_argon2_status status)
        : std::runtime_error(lh_argon2_status_message(status)), status_(status) {}
    lh_argon2_status status() const noexcept { return status_; }

private:
    lh_argon2_status status_;
};

namespace detail {
inline void check(lh_argon2_status status) {
    if (status != LH_ARGON2_OK) throw error(status);
}

/* The C calls read NUL-terminated strings; a std::string_view need not be one. This
 * copies an encoded hash into a caller's stack buffer, refusing what the C call would
 * misread: an embedded NUL (the C side would see only the part before it) or a string
 * too long to be a hash. */
struct encoded_copy {
    char text[LH_ARGON2_ENCODED_MAX];
    lh_argon2_status status;

    explicit encoded_copy(std::string_view encoded) noexcept : status(LH_ARGON2_OK) {
        text[0] = '\0';
        if (encoded.size() >= sizeof text) {
            status = LH_ARGON2_ERR_ENCODED_TOO_LONG;
        } else if (encoded.find('\0') != std::string_view::npos) {
            status = LH_ARGON2_ERR_MALFORMED_HASH;
        } else if (!encoded.empty()) {
            std::memcpy(text, encoded.data(), encoded.size());
            text[encoded.size()] = '\0';
        }
    }
};

inline const std::uint8_t *bytes(std::string_view s) noexcept {
    return reinterpret_cast<const std::uint8_t *>(s.data());
}
}  // namespace detail

/**
 * Argon2 parameters: an lh_argon2_params (so a params is usable wherever the C API wants
 * a `const lh_argon2_params *`), made from a profile and then adjusted if needed.
 */
struct params : lh_argon2_params {
    /** The parameters of a profile; throws error(LH_ARGON2_ERR_UNKNOWN_PROFILE) otherwise. */
    static params from_profile(profile p) {
        params out;
        detail::check(lh_argon2_params_from_profile(static_cast<lh_argon2_profile>(p), &out));
        return out;
    }
    /** The default profile (RFC 9106 low memory: Argon2id, m=64 MiB, t=3, p=4). */
    static params defaults() { return from_profile(profile::default_profile); }

    /** The parameters of an existing C struct. */
    static params from_c(const lh_argon2_params &c) noexcept {
        params out;
        static_cast<lh_argon2_params &>(out) = c;
        return out;
    }

    /** The buffer size lh_argon2_hash needs, NUL included; 0 for invalid parameters. */
    std::size_t encoded_len() const noexcept { return lh_argon2_encoded_len(this); }

    /** The Argon2 variant as an enum. */
    argon2rs::algorithm variant() const noexcept {
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

/** Hashes `password` into `out` (a PHC string); returns the status and throws nothing
 * of its own (std::string may throw std::bad_alloc). `out` is empty on failure. */
inline lh_argon2_status try_hash(std::string_view password, std::string &out,
                                 const params &p = params::defaults()) {
    out.clear();
    std::size_t cap = p.encoded_len();
    if (cap == 0) cap = 1; /* invalid parameters: let the call report which one */
    out.resize(cap);
    std::size_t written = 0;
    lh_argon2_status status = lh_argon2_hash(detail::bytes(password), password.size(), &p,
                                             out.data(), out.size(), &written);
    out.resize(status == LH_ARGON2_OK ? written : 0);
    return status;
}

/** Hashes `password` with a fresh random salt into a PHC string; throws error. */
inline std::string hash(std::string_view password, const params &p = params::defaults()) {
    std::string out;
    detail::check(try_hash(password, out, p));
    return out;
}

/** Checks `password` against a stored hash: LH_ARGON2_OK only on a match,
 * LH_ARGON2_ERR_VERIFY_MISMATCH for a wrong password, another code for a bad hash. */
inline lh_argon2_status try_verify(std::string_view encoded, std::string_view password) noexcept {
    detail::encoded_copy copy(encoded);
    if (copy.status != LH_ARGON2_OK) return copy.status;
    return lh_argon2_verify(copy.text, detail::bytes(password), password.size());
}

/** True if `password` matches, false if it does not; throws error when `encoded` is not
 * a valid hash (or exceeds the verify limits, or memory runs out). */
inline bool verify(std::string_view encoded, std::string_view password) {
    lh_argon2_status status = try_verify(encoded, password);
    if (status == LH_ARGON2_ERR_VERIFY_MISMATCH) return false;
    detail::check(status);
    return true;
}

/** Sets `out` to whether a stored hash was made with parameters other than `p`. */
inline lh_argon2_status try_needs_rehash(std::string_view encoded, bool &out,
                                         const params &p = params::defaults()) noexcept {
    detail::encoded_copy copy(encoded);
    if (copy.status != LH_ARGON2_OK) return copy.status;
    return lh_argon2_needs_rehash(copy.text, &p, &out);
}

/** Whether a stored hash should be replaced (after a successful verify) because it was
 * made with parameters other than `p`; throws error for an invalid hash. */
inline bool needs_rehash(std::string_view encoded, const params &p = params::defaults()) {
    bool out = false;
    detail::check(try_needs_rehash(encoded, out, p));
    return out;
}

/** Writes the parameters of a stored hash to `out` (unchanged on failure). */
inline lh_argon2_status try_decode(std::string_view encoded, lh_argon2_params &out) noexcept {
    detail::encoded_copy copy(encoded);
    if (copy.status != LH_ARGON2_OK) return copy.status;
    return lh_argon2_decode(copy.text, &out);
}

/** The parameters of a stored hash; throws error for an invalid hash. */
inline params decode(std::string_view encoded) {
    lh_argon2_params c{};
    detail::check(try_decode(encoded, c));
    return params::from_c(c);
}

/** What calibrate() found: the parameters and the measured milliseconds per hash. */
struct calibration {
    params parameters;
    std::uint32_t measured_ms;
};

/** lh_argon2_calibrate: the strongest Argon2id parameters whose hash takes at most
 * `target_ms` here, with `parallelism` lanes and at most `max_m_cost` KiB. */
inline lh_argon2_status try_calibrate(std::uint32_t target_ms, std::uint32_t max_m_cost,
                                      std::uint32_t parallelism, lh_argon2_params &out,
                                      std::uint32_t &measured_ms) noexcept {
    return lh_argon2_calibrate(target_ms, max_m_cost, parallelism, &out, &measured_ms);
}

/** As try_calibrate; throws error (e.g. LH_ARGON2_ERR_TIME_BUDGET). Takes a few times
 * `target_ms`. */
inline calibration calibrate(std::uint32_t target_ms, std::uint32_t max_m_cost,
                             std::uint32_t parallelism = 4) {
    lh_argon2_params c{};
    std::uint32_t measured_ms = 0;
    detail::check(try_calibrate(target_ms, max_m_cost, parallelism, c, measured_ms));
    return calibration{params::from_c(c), measured_ms};
}

}  // namespace argon2rs

#endif /* ARGON2RS_HPP */
