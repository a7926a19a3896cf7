// Umbrella header for htslib, plus static-inline wrappers for the function-like macros
// Swift cannot import. Only the HTS module imports this.
#ifndef G2T_CHTSLIB_H
#define G2T_CHTSLIB_H

#include <stdlib.h>
#include <htslib/hts.h>
#include <htslib/sam.h>
#include <htslib/vcf.h>
#include <htslib/tbx.h>
#include <htslib/faidx.h>
#include <htslib/kstring.h>
#include <htslib/bgzf.h>

// --- sam.h record accessors ---
static inline uint8_t  *_Nonnull g2t_bam_get_seq(const bam1_t *_Nonnull b)   { return bam_get_seq(b); }
static inline uint8_t  *_Nonnull g2t_bam_get_qual(const bam1_t *_Nonnull b)  { return bam_get_qual(b); }
static inline uint32_t *_Nonnull g2t_bam_get_cigar(const bam1_t *_Nonnull b) { return bam_get_cigar(b); }
static inline char     *_Nonnull g2t_bam_get_qname(const bam1_t *_Nonnull b) { return bam_get_qname(b); }
static inline int g2t_bam_seqi(const uint8_t *_Nonnull s, int i)    { return bam_seqi(s, i); }
static inline int g2t_bam_cigar_op(uint32_t c)             { return bam_cigar_op(c); }
static inline uint32_t g2t_bam_cigar_oplen(uint32_t c)     { return bam_cigar_oplen(c); }

// --- vcf.h ---
static inline int32_t g2t_bcf_gt_unphased(int idx)         { return bcf_gt_unphased(idx); }
static inline int32_t g2t_bcf_gt_phased(int idx)           { return bcf_gt_phased(idx); }
static inline int32_t g2t_bcf_gt_missing(void)             { return bcf_gt_missing; }
static inline int g2t_bcf_gt_is_missing(int32_t v)         { return bcf_gt_is_missing(v); }
static inline int g2t_bcf_gt_allele(int32_t v)             { return bcf_gt_allele(v); }
static inline int g2t_bcf_gt_is_phased(int32_t v)          { return bcf_gt_is_phased(v); }
static inline int g2t_bcf_hdr_nsamples(const bcf_hdr_t *h) { return bcf_hdr_nsamples(h); }
static inline const char *g2t_bcf_hdr_sample(const bcf_hdr_t *h, int i) { return h->samples[i]; }
static inline const char *g2t_bcf_hdr_id2name(const bcf_hdr_t *h, int rid) { return bcf_hdr_id2name(h, rid); }
static inline const char *g2t_bcf_hdr_int2id(const bcf_hdr_t *h, int id) { return bcf_hdr_int2id(h, BCF_DT_ID, id); }
static inline int g2t_bcf_hdr_nctg(const bcf_hdr_t *h) { return h->n[BCF_DT_CTG]; }
// Contig length from the ##contig header line (0 when absent); htslib keeps it in info[0].
static inline int64_t g2t_bcf_hdr_ctg_len(const bcf_hdr_t *h, int rid) {
    return h->id[BCF_DT_CTG][rid].val ? (int64_t)h->id[BCF_DT_CTG][rid].val->info[0] : 0;
}
static inline int g2t_bcf_get_info_int32(const bcf_hdr_t *h, bcf1_t *r, const char *tag, int32_t **dst, int *n) {
    return bcf_get_info_int32(h, r, tag, dst, n);
}
static inline int g2t_bcf_get_info_float(const bcf_hdr_t *h, bcf1_t *r, const char *tag, float **dst, int *n) {
    return bcf_get_info_float(h, r, tag, dst, n);
}
static inline int g2t_bcf_get_info_string(const bcf_hdr_t *h, bcf1_t *r, const char *tag, char **dst, int *n) {
    return bcf_get_info_string(h, r, tag, dst, n);
}
static inline int g2t_bcf_get_format_int32(const bcf_hdr_t *h, bcf1_t *r, const char *tag, int32_t **dst, int *n) {
    return bcf_get_format_int32(h, r, tag, dst, n);
}
static inline int g2t_bcf_get_format_float(const bcf_hdr_t *h, bcf1_t *r, const char *tag, float **dst, int *n) {
    return bcf_get_format_float(h, r, tag, dst, n);
}
static inline int g2t_bcf_get_genotypes(const bcf_hdr_t *h, bcf1_t *r, int32_t **dst, int *n) {
    return bcf_get_genotypes(h, r, dst, n);
}
static inline int g2t_bcf_float_is_missing(float f) { return bcf_float_is_missing(f); }
static inline hts_itr_t *g2t_bcf_itr_querys(const hts_idx_t *idx, const bcf_hdr_t *hdr, const char *s) {
    return bcf_itr_querys(idx, hdr, s);
}
static inline hts_idx_t *g2t_bcf_index_load(const char *fn) { return bcf_index_load(fn); }

static inline void g2t_bcf_set_qual_missing(bcf1_t *r) { bcf_float_set_missing(r->qual); }
static inline int g2t_bcf_hdr_info_type(const bcf_hdr_t *h, int id) { return bcf_hdr_id2type(h, BCF_HL_INFO, id); }
static inline int g2t_bcf_hdr_fmt_type(const bcf_hdr_t *h, int id) { return bcf_hdr_id2type(h, BCF_HL_FMT, id); }
static inline int32_t g2t_bcf_int32_missing(void) { return bcf_int32_missing; }
static inline int32_t g2t_bcf_int32_vector_end(void) { return bcf_int32_vector_end; }
static inline int g2t_bcf_float_is_vector_end(float f) { return bcf_float_is_vector_end(f); }

// --- tbx.h ---
static inline hts_itr_t *g2t_tbx_itr_querys(tbx_t *tbx, const char *s) { return tbx_itr_querys(tbx, s); }
static inline int g2t_tbx_itr_next(htsFile *fp, tbx_t *tbx, hts_itr_t *itr, kstring_t *r) {
    return tbx_itr_next(fp, tbx, itr, r);
}
static inline int g2t_tbx_index_build_vcf(const char *fn, int min_shift) {
    return tbx_index_build(fn, min_shift, &tbx_conf_vcf);
}

// --- kstring ---
static inline void g2t_ks_free(kstring_t *s) { ks_free(s); }

// --- cache (not htslib): a hash table's entry fetched while other work runs (Swift has no prefetch) ---
static inline void g2t_prefetch(const void *_Nullable p) { if (p) __builtin_prefetch(p, 1, 3); }

// --- process lifetime (not htslib; prctl is variadic, which Swift cannot import) ---
#include <sys/prctl.h>
#include <signal.h>
// Linux: the kernel sends `sig` to this process when the thread that spawned it ends.
static inline int g2t_set_parent_death_signal(int sig) { return prctl(PR_SET_PDEATHSIG, (unsigned long)sig, 0UL, 0UL, 0UL); }

#endif
