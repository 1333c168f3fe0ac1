"""Independent reference values for the Rust CLV tests (tests/it/clv/reference.rs).

Run from the crate root (prints a block of Rust constants on stdout, checks on stderr):

    python3 -m venv .venv && .venv/bin/pip install lifetimes==0.11.3 pandas scipy numpy
    .venv/bin/python tests/data/clv/clv_reference.py > /tmp/reference_values.rs

Every quantity is computed twice and the two are asserted to agree before it is printed:
  * from the papers' formulas with scipy (gammaln, hyp2f1, quad, minimize), written here from
    Fader, Hardie & Lee (2005) "Counting Your Customers the Easy Way" (eqs. 6, 9, 10, 13),
    Hardie's note 004, and Fader, Hardie & Lee (2005) "RFM and CLV" / Hardie's note 025;
  * with the `lifetimes` package (0.11.3), whose implementation the Rust code does not share.
Conditional expectations are further checked by numerical integration over the posterior of
the dropout probability (an independent route to eq. 10).
Tested with Python 3.11, lifetimes 0.11.3, numpy 2.4, pandas 3.1, scipy 1.17.
"""

import os
import sys
import warnings

import numpy as np
import pandas as pd
from scipy import integrate, optimize
from scipy.special import betaln, gammaln, hyp2f1

warnings.filterwarnings("ignore")
import lifetimes  # noqa: E402
from lifetimes import BetaGeoFitter, GammaGammaFitter  # noqa: E402
from lifetimes.utils import summary_data_from_transaction_data  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = HERE


def log(*args):
    print(*args, file=sys.stderr)


def close(a, b, rel=1e-8, abs_=1e-12, what=""):
    a, b = np.asarray(a, float), np.asarray(b, float)
    ok = np.all(np.abs(a - b) <= rel * np.maximum(np.abs(a), np.abs(b)) + abs_)
    if not ok:
        raise AssertionError(f"{what}: {a} vs {b}")


# ---------------------------------------------------------------- BG/NBD from the paper

def bg_ll(params, x, tx, T):
    """Per-customer log-likelihood, paper eq. 6 in Hardie's note 004 form."""
    r, alpha, a, b = params
    x = np.asarray(x, float)
    a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    a2 = gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x)
    a3 = -(r + x) * np.log(alpha + T)
    a4 = np.where(x > 0, np.log(a) - np.log(b + np.maximum(x, 1) - 1) - (r + x) * np.log(alpha + tx), -np.inf)
    return a1 + a2 + np.logaddexp(a3, a4)


def p_alive(params, x, tx, T):
    """Eq. 13."""
    r, alpha, a, b = params
    if x == 0:
        return 1.0
    return 1.0 / (1.0 + a / (b + x - 1) * ((alpha + T) / (alpha + tx)) ** (r + x))


def cond_exp_hyp(params, t, x, tx, T):
    """Eq. 10 with scipy's hyp2f1."""
    r, alpha, a, b = params
    z = t / (alpha + T + t)
    num = (a + b + x - 1) / (a - 1) * (1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * hyp2f1(r + x, b + x, a + b + x - 1, z))
    return num * p_alive(params, x, tx, T)


def cond_exp_quad(params, t, x, tx, T):
    """P(alive) · E_p[(1 − ((α+T)/(α+T+pt))^{r+x}) / p], p ~ Beta(a, b+x), by quadrature."""
    r, alpha, a, b = params
    k, u = r + x, t / (alpha + T)
    g = lambda p: -np.expm1(-k * np.log1p(p * u)) / p if p > 0 else k * u  # noqa: E731
    val, err = integrate.quad(g, 0, 1, weight="alg", wvar=(a - 1, b + x - 1), epsabs=0, epsrel=1e-12, limit=500)
    return val / np.exp(betaln(a, b + x)) * p_alive(params, x, tx, T)


def uncond_hyp(params, t):
    """Eq. 9."""
    r, alpha, a, b = params
    return (a + b - 1) / (a - 1) * (1 - (alpha / (alpha + t)) ** r * hyp2f1(r, b, a + b - 1, t / (alpha + t)))


# ---------------------------------------------------------------- Gamma-Gamma from note 025

def gg_ll(params, x, m):
    p, q, v = params
    return (gammaln(p * x + q) - gammaln(p * x) - gammaln(q) + q * np.log(v) + (p * x - 1) * np.log(m)
            + p * x * np.log(x) - (p * x + q) * np.log(x * m + v))


def gg_spend(params, x, m):
    p, q, v = params
    return p * (v + x * m) / (p * x + q - 1)


def mle(nll, x0):
    """Tight maximum likelihood over log-parameters: Nelder-Mead, then BFGS polish."""
    res = optimize.minimize(nll, x0, method="Nelder-Mead", options=dict(xatol=1e-10, fatol=1e-12, maxiter=20000, maxfev=40000))
    res = optimize.minimize(nll, res.x, method="BFGS", options=dict(gtol=1e-10))
    return np.exp(res.x), -res.fun


def bgf_with(params):
    f = BetaGeoFitter()
    f.params_ = pd.Series(dict(zip(["r", "alpha", "a", "b"], params)))
    f.predict = f.conditional_expected_number_of_purchases_up_to_time  # set by fit() otherwise
    return f


def ggf_with(params):
    f = GammaGammaFitter()
    f.params_ = pd.Series(dict(zip(["p", "q", "v"], params)))
    return f


def rust_f64(v):
    return repr(float(v))


def rust_array(name, rows, ty="f64"):
    body = ",\n".join("    (" + ", ".join(rust_f64(c) if isinstance(c, (float, np.floating)) else str(c) for c in row) + ")" for row in rows)
    return f"pub const {name}: &[{ty}] = &[\n{body},\n];"


out = []
out.append(f"// Produced by tests/data/clv/clv_reference.py (lifetimes {lifetimes.__version__}, "
           f"scipy, numpy {np.__version__}). Do not edit by hand.")

# ---------------------------------------------------------------- 1. hand-made customers
HAND = [(0, 0.0, 10.0), (1, 2.5, 10.0), (2, 5.0, 8.0), (5, 7.5, 9.0), (10, 30.0, 40.0),
        (0, 0.0, 0.5), (3, 3.0, 3.0), (50, 38.0, 39.0)]
PARAM_SETS = [(0.25, 4.0, 0.8, 2.5), (1.5, 10.0, 1.2, 3.5), (0.5, 2.0, 0.3, 0.4), (2.0, 1.0, 1.7, 0.6)]
TIMES = [1.0, 10.0, 52.0]
xs = np.array([h[0] for h in HAND]); txs = np.array([h[1] for h in HAND]); Ts = np.array([h[2] for h in HAND])
out.append(rust_array("HAND_CUSTOMERS", HAND, "(u32, f64, f64)"))
ll_rows, alive_rows, exp_rows, unc_rows = [], [], [], []
ONLY_QUAD = []
for si, params in enumerate(PARAM_SETS):
    ll = bg_ll(params, xs, txs, Ts).sum()
    # lifetimes' objective is the mean NLL on *its* scaled time; unscale by the Jacobian Σ x ln(scale).
    scale = 10.0 / Ts.max()
    lt = -BetaGeoFitter._negative_log_likelihood(
        np.log([params[0], params[1] * scale, params[2], params[3]]), xs, txs * scale, Ts * scale, np.ones(len(xs)), 0.0) * len(xs)
    close(ll, lt + (xs * np.log(scale)).sum(), what="BG/NBD LL vs lifetimes")
    ll_rows.append((si, ll))
    f = bgf_with(params)
    for ci, (x, tx, T) in enumerate(HAND):
        pa = p_alive(params, x, tx, T)
        close(pa, f.conditional_probability_alive(x, tx, T)[0], what="P(alive) vs lifetimes")
        alive_rows.append((si, ci, pa))
        for t in TIMES:
            q = cond_exp_quad(params, t, x, tx, T)
            h = cond_exp_hyp(params, t, x, tx, T)
            lt = f.conditional_expected_number_of_purchases_up_to_time(t, x, tx, T)
            # The quadrature is the reference. lifetimes (eq. 10 via hyp2f1) returns NaN or loses
            # accuracy for some inputs (a + b < 1 with x = 0, large x); wherever it or our own
            # hyp2f1 evaluation is finite and accurate they must agree, and at least one must.
            agree = [np.isfinite(v) and abs(v - q) <= 1e-7 * abs(q) for v in (lt, h)]
            if not any(agree):
                log(f"only quadrature for set {si} customer {ci} t={t}: quad {q}, lifetimes {lt}, hyp2f1 {h}")
                ONLY_QUAD.append((si, ci, t))
            elif np.isfinite(lt) and not agree[0]:
                log(f"lifetimes inaccurate at set {si} customer {ci} t={t}: {lt} vs {q}")
            exp_rows.append((si, ci, t, q))
    for t in TIMES:
        u_q = cond_exp_quad(params, t, 0, 0.0, 0.0)
        u_h = uncond_hyp(params, t)
        u_l = f.expected_number_of_purchases_up_to_time(t)
        close(u_q, u_l, rel=1e-7, what="E[X(t)] quadrature vs lifetimes")
        close(u_q, u_h, rel=1e-7, what="E[X(t)] quadrature vs eq. 9")
        unc_rows.append((si, t, u_q))
out.append(rust_array("PARAM_SETS", PARAM_SETS, "(f64, f64, f64, f64)"))
out.append(rust_array("HAND_LOG_LIKELIHOOD", ll_rows, "(usize, f64)"))
out.append(rust_array("HAND_P_ALIVE", alive_rows, "(usize, usize, f64)"))
out.append(rust_array("HAND_EXPECTED", exp_rows, "(usize, usize, f64, f64)"))
out.append(rust_array("HAND_UNCONDITIONAL", unc_rows, "(usize, f64, f64)"))

# ---------------------------------------------------------------- 2. CDNOW BG/NBD (weeks)
cd = pd.read_csv(os.path.join(DATA, "cdnow_customers_summary_with_transactions.csv"))
x, tx, T, zbar = cd["x"].values.astype(float), cd["t_x"].values, cd["T"].values, cd["zbar"].values
published = (0.243, 4.414, 0.793, 2.426)
ll_pub = bg_ll(published, x, tx, T).sum()
log("CDNOW LL at published parameters", ll_pub)
bg_params, bg_llmax = mle(lambda th: -bg_ll(np.exp(th), x, tx, T).sum(), np.zeros(4))
log("CDNOW BG/NBD MLE", bg_params, bg_llmax)
lt = BetaGeoFitter().fit(x, tx, T)
close(bg_params, lt.params_.values, rel=1e-3, what="CDNOW MLE vs lifetimes")
# Penalised fit exactly as lifetimes defines it (penalty on r, alpha·10/max T, a, b).
PEN = 0.1
scale = 10.0 / T.max()
# Minimise lifetimes' own objective (its _negative_log_likelihood) tightly; lifetimes' fit() stops
# early here (scipy's default tolerance), so its parameters are only checked to be no better.
xi = x.astype(int)
pen_nll = lambda th: BetaGeoFitter._negative_log_likelihood(th, xi, tx * scale, T * scale, np.ones(len(x)), PEN)  # noqa: E731
pen_params, _ = mle(pen_nll, np.zeros(4))
lt_pen = BetaGeoFitter(penalizer_coef=PEN).fit(x, tx, T)
assert pen_nll(np.log(pen_params)) <= pen_nll(np.log(lt_pen.params_.values * [1, scale, 1, 1])) + 1e-12
pen_params = pen_params / np.array([1, scale, 1, 1])
log("CDNOW penalised", pen_params, "lifetimes", lt_pen.params_.values)
out.append(f"pub const CDNOW_LL_AT_PUBLISHED: f64 = {rust_f64(ll_pub)};")
out.append(f"pub const CDNOW_BGNBD_MLE: (f64, f64, f64, f64) = ({', '.join(map(rust_f64, bg_params))});")
out.append(f"pub const CDNOW_BGNBD_MAX_LL: f64 = {rust_f64(bg_llmax)};")
out.append(f"pub const CDNOW_PENALIZER: f64 = {PEN};")
out.append(f"pub const CDNOW_BGNBD_PENALISED: (f64, f64, f64, f64) = ({', '.join(map(rust_f64, pen_params))});")
f = bgf_with(bg_params)
rows = []
for i in [0, 1, 2, 10, 100, 1000]:
    for t in [39.0, 52.0]:
        q = cond_exp_quad(bg_params, t, x[i], tx[i], T[i])
        close(q, f.conditional_expected_number_of_purchases_up_to_time(t, x[i], tx[i], T[i]), rel=1e-7, what="CDNOW E[Y]")
        rows.append((i, t, q, p_alive(bg_params, x[i], tx[i], T[i])))
out.append(rust_array("CDNOW_PREDICTIONS", rows, "(usize, f64, f64, f64)"))

# ---------------------------------------------------------------- 3. CDNOW Gamma-Gamma
rep = (x > 0) & (zbar > 0)
gx, gm = x[rep], zbar[rep]
gg_params, gg_llmax = mle(lambda th: -gg_ll(np.exp(th), gx, gm).sum(), np.log([1.0, 2.0, 10.0]))
ltg = GammaGammaFitter().fit(gx, gm)
close(gg_params, ltg.params_.values, rel=2e-3, what="Gamma-Gamma MLE vs lifetimes")
log("CDNOW Gamma-Gamma MLE", gg_params, gg_llmax, "n =", rep.sum(), "lifetimes", ltg.params_.values)
GG_FIXED = (6.25, 3.74, 15.44)
out.append(f"pub const CDNOW_GG_LL_AT_PUBLISHED: f64 = {rust_f64(gg_ll(GG_FIXED, gx, gm).sum())};")
out.append(f"pub const CDNOW_GG_MLE: (f64, f64, f64) = ({', '.join(map(rust_f64, gg_params))});")
out.append(f"pub const CDNOW_GG_MAX_LL: f64 = {rust_f64(gg_llmax)};")
out.append(f"pub const CDNOW_GG_REPEAT_CUSTOMERS: usize = {int(rep.sum())};")
fg = ggf_with(gg_params)
rows = []
for i in [0, 1, 2, 10, 100]:
    s = gg_spend(gg_params, x[i], zbar[i])
    close(s, fg.conditional_expected_average_profit(x[i], zbar[i]), what="expected spend vs lifetimes")
    rows.append((i, s))
out.append(rust_array("CDNOW_SPEND", rows, "(usize, f64)"))

# ---------------------------------------------------------------- 4. CLV (days), vs lifetimes
BG_DAYS = (0.5, 60.0, 0.7, 3.0)
GG_ANY = (6.0, 4.0, 15.0)
CLV_CUSTOMERS = [(0, 0.0, 200.0, 0.0), (1, 30.0, 200.0, 25.0), (4, 150.0, 180.0, 40.0), (12, 350.0, 360.0, 18.5), (3, 10.0, 300.0, 60.0)]
cx = pd.Series([c[0] for c in CLV_CUSTOMERS], dtype=float)
ctx = pd.Series([c[1] for c in CLV_CUSTOMERS])
cT = pd.Series([c[2] for c in CLV_CUSTOMERS])
cm = pd.Series([c[3] for c in CLV_CUSTOMERS])
bgd, ggd = bgf_with(BG_DAYS), ggf_with(GG_ANY)
rows = []
for months, rate in [(3, 0.0), (3, 0.01), (12, 0.01), (12, 0.05)]:
    v = ggd.customer_lifetime_value(bgd, cx, ctx, cT, cm, time=months, discount_rate=rate, freq="D").values
    # Same thing by hand from the formulas (30-day months, end-of-month discounting).
    for i, (cxi, ctxi, cTi, cmi) in enumerate(CLV_CUSTOMERS):
        spend = gg_spend(GG_ANY, cxi, cmi) if cxi > 0 else GG_ANY[0] * GG_ANY[2] / (GG_ANY[1] - 1)
        by_hand = sum((cond_exp_quad(BG_DAYS, 30.0 * j, cxi, ctxi, cTi) - cond_exp_quad(BG_DAYS, 30.0 * (j - 1), cxi, ctxi, cTi))
                      / (1 + rate) ** j for j in range(1, months + 1)) * spend
        close(by_hand, v[i], rel=1e-6, what="CLV by hand vs lifetimes")
        rows.append((i, 30.0 * months, rate, v[i]))
out.append(rust_array("CLV_CUSTOMERS", CLV_CUSTOMERS, "(u32, f64, f64, f64)"))
out.append(f"pub const CLV_BG_DAYS: (f64, f64, f64, f64) = ({', '.join(map(rust_f64, BG_DAYS))});")
out.append(f"pub const CLV_GG: (f64, f64, f64) = ({', '.join(map(rust_f64, GG_ANY))});")
out.append(rust_array("CLV_VALUES", rows, "(usize, f64, f64, f64)"))

# ---------------------------------------------------------------- 5. summary of CDNOW_sample.txt
tx_raw = pd.read_csv(os.path.join(DATA, "CDNOW_sample.txt"), sep=r"\s+", header=None,
                     names=["customer", "sample_id", "date", "quantity", "amount"], dtype={"customer": str})
tx_raw["date"] = pd.to_datetime(tx_raw["date"].astype(str), format="%Y%m%d")
END = "1997-09-30"
before = tx_raw[tx_raw["date"] <= END]
after = len(tx_raw) - len(before)
# The Rust rule: net the amounts per customer-day, and a day with net <= 0 is not a purchase.
days = before.groupby(["customer", "date"], as_index=False)["amount"].sum()
nonpositive = int((days["amount"] <= 0).sum())
days = days[days["amount"] > 0]
summ = summary_data_from_transaction_data(days, "customer", "date", monetary_value_col="amount",
                                          observation_period_end=END, freq="D")
summ = summ.sort_index()
log("summary customers", len(summ), "orders after end", after, "non-positive days", nonpositive)
out.append(f"pub const SAMPLE_END: &str = \"{END}\";")
out.append(f"pub const SAMPLE_ORDERS_AFTER_END: usize = {after};")
out.append(f"pub const SAMPLE_NONPOSITIVE_DAYS: usize = {nonpositive};")
out.append(f"pub const SAMPLE_CUSTOMERS: usize = {len(summ)};")
out.append(f"pub const SAMPLE_TOTALS: (f64, f64, f64, f64) = ({rust_f64(summ['frequency'].sum())}, "
           f"{rust_f64(summ['recency'].sum())}, {rust_f64(summ['T'].sum())}, {rust_f64(summ['monetary_value'].sum())});")
pick = [summ.index[i] for i in [0, 1, 5, 50, 500, len(summ) - 1]]
pick += list(summ.sort_values("frequency").index[-2:])
rows = [(f'"{c}"', int(summ.loc[c, "frequency"]), float(summ.loc[c, "recency"]), float(summ.loc[c, "T"]),
         float(summ.loc[c, "monetary_value"])) for c in pick]
out.append(rust_array("SAMPLE_ROWS", rows, "(&str, u32, f64, f64, f64)"))

print("\n".join(out))
log("all cross-checks passed")
