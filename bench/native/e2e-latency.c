/*
 * e2e-latency: end-to-end (produce -> consume) latency without coordinated
 * omission, using one librdkafka producer and one librdkafka consumer in the
 * same process (so both sides read the same CLOCK_MONOTONIC).
 *
 * Usage:
 *   e2e-latency <bootstrap> <topic> <records_per_sec> <record_bytes>
 *               <seconds> <warmup_seconds> <acks>
 *
 * Record i is *scheduled* at t0 + i * (1e9 / rate) ns.  The producer sleeps
 * until that instant and then produces it; when it falls behind it produces
 * immediately without skipping.  Every latency is measured from the
 * scheduled instant, never from the (possibly late) send, so a stalled
 * broker shows up in the numbers instead of silently slowing the load down.
 *
 * Value layout: bytes 0..7  scheduled time, big-endian int64 (monotonic ns)
 *               bytes 8..15 sequence number, big-endian int64
 *               rest        filler
 *
 * Output: one JSON line on stdout (see README.md).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <time.h>

#include <librdkafka/rdkafka.h>

#define HEADER_BYTES 16
#define START_DELAY_NS 100000000LL      /* t0 = now + 100 ms */
#define DRAIN_TIMEOUT_NS 15000000000LL  /* wait after the last send */
#define READY_TIMEOUT_NS 30000000000LL  /* consumer start-up limit */
#define METADATA_TIMEOUT_NS 30000000000LL

/* ------------------------------------------------------------------ */
/* Shared state                                                         */

static int64_t g_total;        /* records to send */
static double g_rate;          /* records per second */
static int64_t g_t0;           /* schedule origin, monotonic ns */
static int64_t g_warm_end;     /* records scheduled before this are warm-up */
static int64_t g_run_start;    /* process start; older records are foreign */

/* Consumer side (written by the consumer thread only, read after join). */
static double *g_e2e;          /* e2e latencies (ns) of measured records */
static int64_t g_e2e_n;
static uint8_t *g_seen;        /* bitmap: sequence number already consumed */
static int64_t g_duplicates;
static int64_t g_bad_records;  /* too short / sequence out of range */
static int64_t g_consumer_errors;
static atomic_llong g_consumed;        /* all messages, duplicates included */
static atomic_llong g_unique;          /* distinct sequence numbers */
static atomic_int g_consumer_ready;
static atomic_int g_consumer_stop;

/* Producer side (delivery reports are served by rd_kafka_poll() on the
 * main thread, so no synchronisation is needed). */
static double *g_ack;
static int64_t g_ack_n;
static int64_t g_delivered;
static int64_t g_failed;
static int g_failed_logged;

static int64_t mono_ns(void) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int64_t scheduled_ns(int64_t i) {
        return g_t0 + (int64_t)((double)i * 1e9 / g_rate);
}

static void put_be64(unsigned char *p, uint64_t v) {
        int k;
        for (k = 7; k >= 0; k--) {
                p[k] = (unsigned char)(v & 0xff);
                v >>= 8;
        }
}

static uint64_t get_be64(const unsigned char *p) {
        uint64_t v = 0;
        int k;
        for (k = 0; k < 8; k++)
                v = (v << 8) | p[k];
        return v;
}

static void die(const char *fmt, const char *arg) {
        fprintf(stderr, "e2e-latency: ");
        fprintf(stderr, fmt, arg);
        fputc('\n', stderr);
        exit(1);
}

static void set_conf(rd_kafka_conf_t *conf, const char *name,
                     const char *value) {
        char errstr[512];
        if (rd_kafka_conf_set(conf, name, value, errstr, sizeof(errstr)) !=
            RD_KAFKA_CONF_OK) {
                fprintf(stderr, "e2e-latency: config %s=%s: %s\n", name,
                        value, errstr);
                exit(1);
        }
}

/* ------------------------------------------------------------------ */
/* Producer delivery reports                                            */

static void dr_msg_cb(rd_kafka_t *rk, const rd_kafka_message_t *m,
                      void *opaque) {
        int64_t now = mono_ns();
        int64_t seq = (int64_t)(intptr_t)m->_private;
        int64_t sched;
        (void)rk;
        (void)opaque;

        if (m->err) {
                g_failed++;
                if (g_failed_logged < 5) {
                        g_failed_logged++;
                        fprintf(stderr,
                                "e2e-latency: delivery of record %" PRId64
                                " failed: %s\n",
                                seq, rd_kafka_err2str(m->err));
                }
                return;
        }
        g_delivered++;
        sched = scheduled_ns(seq);
        if (sched >= g_warm_end && g_ack_n < g_total)
                g_ack[g_ack_n++] = (double)(now - sched);
}

/* ------------------------------------------------------------------ */
/* Consumer thread                                                      */

static void *consumer_main(void *arg) {
        rd_kafka_t *c = arg;
        int logged    = 0;

        while (!atomic_load(&g_consumer_stop)) {
                rd_kafka_message_t *m = rd_kafka_consumer_poll(c, 100);
                int64_t now, sched, seq;
                const unsigned char *p;

                if (!atomic_load(&g_consumer_ready))
                        atomic_store(&g_consumer_ready, 1);
                if (!m)
                        continue;
                if (m->err) {
                        if (m->err != RD_KAFKA_RESP_ERR__PARTITION_EOF) {
                                g_consumer_errors++;
                                if (logged++ < 5)
                                        fprintf(stderr,
                                                "e2e-latency: consumer: %s\n",
                                                rd_kafka_message_errstr(m));
                        }
                        rd_kafka_message_destroy(m);
                        continue;
                }
                now = mono_ns();
                p   = m->payload;
                if (!p || m->len < HEADER_BYTES) {
                        g_bad_records++;
                        rd_kafka_message_destroy(m);
                        continue;
                }
                sched = (int64_t)get_be64(p);
                seq   = (int64_t)get_be64(p + 8);
                rd_kafka_message_destroy(m);
                /* CLOCK_MONOTONIC is machine-wide, so records left in the
                 * topic by an earlier run carry a time before our start. */
                if (seq < 0 || seq >= g_total || sched < g_run_start) {
                        g_bad_records++;
                        continue;
                }
                atomic_fetch_add(&g_consumed, 1);
                if (g_seen[seq >> 3] & (1u << (seq & 7))) {
                        g_duplicates++;
                        continue;
                }
                g_seen[seq >> 3] |= (uint8_t)(1u << (seq & 7));
                if (sched >= g_warm_end && g_e2e_n < g_total)
                        g_e2e[g_e2e_n++] = (double)(now - sched);
                atomic_fetch_add(&g_unique, 1);
        }
        return NULL;
}

/* ------------------------------------------------------------------ */
/* Statistics                                                           */

static int cmp_double(const void *a, const void *b) {
        double x = *(const double *)a, y = *(const double *)b;
        return (x > y) - (x < y);
}

static double pct(const double *sorted, int64_t n, double q) {
        int64_t idx = (int64_t)(q * (double)n); /* q, n >= 0: truncation == floor */
        if (idx > n - 1)
                idx = n - 1;
        return sorted[idx];
}

static void print_ms(const char *name, int have, double ns, int last) {
        if (have)
                printf("\"%s\":%.3f%s", name, ns / 1e6, last ? "" : ",");
        else
                printf("\"%s\":null%s", name, last ? "" : ",");
}

/* ------------------------------------------------------------------ */

static double parse_number(const char *s, const char *what) {
        char *end = NULL;
        double v;
        errno = 0;
        v     = strtod(s, &end);
        if (errno || end == s || *end != '\0' || !isfinite(v))
                die("invalid %s", what);
        return v;
}

static int fetch_partition_count(rd_kafka_t *rk, rd_kafka_topic_t *rkt,
                                 const char *topic) {
        int64_t deadline = mono_ns() + METADATA_TIMEOUT_NS;
        rd_kafka_resp_err_t last = RD_KAFKA_RESP_ERR_NO_ERROR;

        while (mono_ns() < deadline) {
                const struct rd_kafka_metadata *md = NULL;
                rd_kafka_resp_err_t err =
                    rd_kafka_metadata(rk, 0, rkt, &md, 5000);
                int count = -1;

                if (!err) {
                        if (md->topic_cnt == 1 && !md->topics[0].err &&
                            md->topics[0].partition_cnt > 0)
                                count = md->topics[0].partition_cnt;
                        else if (md->topic_cnt == 1)
                                last = md->topics[0].err;
                        rd_kafka_metadata_destroy(md);
                        if (count > 0)
                                return count;
                } else {
                        last = err;
                }
                {
                        struct timespec ts = {0, 200000000L};
                        nanosleep(&ts, NULL);
                }
        }
        fprintf(stderr,
                "e2e-latency: no metadata for topic '%s' within %d s: %s\n",
                topic, (int)(METADATA_TIMEOUT_NS / 1000000000LL),
                rd_kafka_err2str(last));
        exit(1);
}

int main(int argc, char **argv) {
        const char *bootstrap, *topic, *acks;
        double seconds, warmup;
        long record_bytes;
        char errstr[512], group[512];
        rd_kafka_conf_t *pconf, *cconf;
        rd_kafka_t *producer, *consumer;
        rd_kafka_topic_t *prkt;
        rd_kafka_topic_partition_list_t *assignment;
        rd_kafka_resp_err_t err;
        pthread_t cthread;
        unsigned char *value;
        int partitions, p;
        int64_t i, produced = 0, produce_errors = 0, max_lag = 0, deadline,
                   last_sent;

        g_run_start = mono_ns();
        if (argc != 8) {
                fprintf(stderr,
                        "usage: e2e-latency <bootstrap> <topic> "
                        "<records_per_sec> <record_bytes> <seconds> "
                        "<warmup_seconds> <acks>\n");
                return 1;
        }
        bootstrap    = argv[1];
        topic        = argv[2];
        g_rate       = parse_number(argv[3], "records_per_sec");
        record_bytes = (long)parse_number(argv[4], "record_bytes");
        seconds      = parse_number(argv[5], "seconds");
        warmup       = parse_number(argv[6], "warmup_seconds");
        acks         = argv[7];
        if (strcmp(acks, "all") == 0)
                acks = "-1";
        if (g_rate <= 0)
                die("records_per_sec must be > 0 (got %s)", argv[3]);
        if (record_bytes < HEADER_BYTES || record_bytes > 100 * 1024 * 1024)
                die("record_bytes must be between 16 and 104857600 (got %s)",
                    argv[4]);
        if (seconds <= 0)
                die("seconds must be > 0 (got %s)", argv[5]);
        if (warmup < 0 || warmup >= seconds)
                die("warmup_seconds must be >= 0 and < seconds (got %s)",
                    argv[6]);
        if (strcmp(acks, "0") && strcmp(acks, "1") && strcmp(acks, "-1"))
                die("acks must be 0, 1, -1 or all (got %s)", argv[7]);
        g_total = (int64_t)(g_rate * seconds);
        if (g_total < 1)
                die("rate * seconds gives no records%s", "");
        if (strlen(topic) + 5 >= sizeof(group))
                die("topic name too long: %s", topic);
        snprintf(group, sizeof(group), "e2e-%s", topic);

        g_e2e  = malloc(sizeof(double) * (size_t)g_total);
        g_ack  = malloc(sizeof(double) * (size_t)g_total);
        g_seen = calloc((size_t)(g_total + 7) / 8, 1);
        value  = malloc((size_t)record_bytes);
        if (!g_e2e || !g_ack || !g_seen || !value)
                die("out of memory for %s records", argv[3]);
        /* Touch the arrays now so page faults don't land in the hot path. */
        memset(g_e2e, 0, sizeof(double) * (size_t)g_total);
        memset(g_ack, 0, sizeof(double) * (size_t)g_total);
        for (i = HEADER_BYTES; i < record_bytes; i++)
                value[i] = (unsigned char)('a' + (i % 26));

        /* ---- producer ---- */
        pconf = rd_kafka_conf_new();
        set_conf(pconf, "bootstrap.servers", bootstrap);
        set_conf(pconf, "log_level", "3");
        set_conf(pconf, "linger.ms", "0");
        set_conf(pconf, "acks", acks);
        set_conf(pconf, "max.in.flight.requests.per.connection", "5");
        set_conf(pconf, "enable.idempotence", "false");
        set_conf(pconf, "compression.type", "none");
        /* Java clients always set TCP_NODELAY; librdkafka 2.0 does not by
         * default, which would add Nagle/delayed-ACK stalls to latency. */
        set_conf(pconf, "socket.nagle.disable", "true");
        /* Never block or fail locally because of a slow broker: latency
         * then grows, which is exactly what we want to see. */
        set_conf(pconf, "queue.buffering.max.messages", "1000000");
        set_conf(pconf, "queue.buffering.max.kbytes", "2097151");
        rd_kafka_conf_set_dr_msg_cb(pconf, dr_msg_cb);
        producer = rd_kafka_new(RD_KAFKA_PRODUCER, pconf, errstr,
                                sizeof(errstr));
        if (!producer)
                die("failed to create producer: %s", errstr);
        prkt = rd_kafka_topic_new(producer, topic, NULL);
        if (!prkt)
                die("failed to create topic handle for %s", topic);
        /* Also warms up the producer's broker connection. */
        partitions = fetch_partition_count(producer, prkt, topic);

        /* ---- consumer ---- */
        cconf = rd_kafka_conf_new();
        set_conf(cconf, "bootstrap.servers", bootstrap);
        set_conf(cconf, "log_level", "3");
        set_conf(cconf, "group.id", group);
        set_conf(cconf, "enable.auto.commit", "false");
        set_conf(cconf, "auto.offset.reset", "earliest");
        set_conf(cconf, "fetch.wait.max.ms", "500");
        set_conf(cconf, "socket.nagle.disable", "true");
        consumer = rd_kafka_new(RD_KAFKA_CONSUMER, cconf, errstr,
                                sizeof(errstr));
        if (!consumer)
                die("failed to create consumer: %s", errstr);
        rd_kafka_poll_set_consumer(consumer);
        assignment = rd_kafka_topic_partition_list_new(partitions);
        for (p = 0; p < partitions; p++)
                rd_kafka_topic_partition_list_add(assignment, topic, p)
                    ->offset = RD_KAFKA_OFFSET_BEGINNING;
        err = rd_kafka_assign(consumer, assignment);
        rd_kafka_topic_partition_list_destroy(assignment);
        if (err)
                die("assign failed: %s", rd_kafka_err2str(err));

        if (pthread_create(&cthread, NULL, consumer_main, consumer) != 0)
                die("pthread_create failed%s", "");
        deadline = mono_ns() + READY_TIMEOUT_NS;
        while (!atomic_load(&g_consumer_ready)) {
                struct timespec ts = {0, 1000000L};
                if (mono_ns() > deadline)
                        die("consumer did not start within 30 s%s", "");
                nanosleep(&ts, NULL);
        }

        /* Precise wake-ups: the default 50 us timer slack is more than the
         * gap between records at high rates. */
        prctl(PR_SET_TIMERSLACK, 1UL, 0, 0, 0);

        /* ---- the timetable ---- */
        g_t0       = mono_ns() + START_DELAY_NS;
        g_warm_end = g_t0 + (int64_t)(warmup * 1e9);
        for (i = 0; i < g_total; i++) {
                int64_t sched = scheduled_ns(i), now = mono_ns(), lag;

                if (now < sched) {
                        struct timespec ts;
                        ts.tv_sec  = (time_t)(sched / 1000000000LL);
                        ts.tv_nsec = (long)(sched % 1000000000LL);
                        while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME,
                                               &ts, NULL) == EINTR)
                                ;
                        now = mono_ns();
                }
                put_be64(value, (uint64_t)sched);
                put_be64(value + 8, (uint64_t)i);
                lag = now - sched;
                if (lag > max_lag)
                        max_lag = lag;

                for (;;) {
                        err = rd_kafka_producev(
                            producer, RD_KAFKA_V_RKT(prkt),
                            RD_KAFKA_V_PARTITION((int32_t)(i % partitions)),
                            RD_KAFKA_V_VALUE(value, (size_t)record_bytes),
                            RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                            RD_KAFKA_V_OPAQUE((void *)(intptr_t)i),
                            RD_KAFKA_V_END);
                        if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL)
                                break;
                        rd_kafka_poll(producer, 1);
                }
                if (err) {
                        if (produce_errors++ < 5)
                                fprintf(stderr,
                                        "e2e-latency: produce of record "
                                        "%" PRId64 " failed: %s\n",
                                        i, rd_kafka_err2str(err));
                } else {
                        produced++;
                }
                rd_kafka_poll(producer, 0);
        }
        last_sent = mono_ns();

        /* ---- drain ---- */
        deadline = last_sent + DRAIN_TIMEOUT_NS;
        while (atomic_load(&g_unique) < produced && mono_ns() < deadline)
                rd_kafka_poll(producer, 20);
        /* Collect the remaining delivery reports (acks may trail the
         * consumer); whatever is still pending is purged and reported as
         * failed. */
        {
                int64_t left = deadline - mono_ns();
                int ms       = left > 5000000000LL ? 5000
                               : left > 1000000000LL
                                   ? (int)(left / 1000000)
                                   : 1000;
                rd_kafka_flush(producer, ms);
        }
        if (rd_kafka_outq_len(producer) > 0) {
                rd_kafka_purge(producer,
                               RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
                rd_kafka_flush(producer, 2000);
        }

        atomic_store(&g_consumer_stop, 1);
        pthread_join(cthread, NULL);
        rd_kafka_consumer_close(consumer);
        rd_kafka_destroy(consumer);
        rd_kafka_topic_destroy(prkt);
        rd_kafka_destroy(producer);

        /* ---- report ---- */
        {
                int64_t consumed = atomic_load(&g_consumed);
                int64_t unique   = atomic_load(&g_unique);
                int64_t missing  = produced - unique;
                double sum       = 0;
                int have_e2e     = g_e2e_n > 0;
                int have_ack     = g_ack_n > 0;

                if (missing < 0)
                        missing = 0;
                qsort(g_e2e, (size_t)g_e2e_n, sizeof(double), cmp_double);
                qsort(g_ack, (size_t)g_ack_n, sizeof(double), cmp_double);
                for (i = 0; i < g_e2e_n; i++)
                        sum += g_e2e[i];

                printf("{\"records\":%" PRId64 ",\"consumed\":%" PRId64
                       ",\"measured\":%" PRId64 ",",
                       produced, consumed, g_e2e_n);
                print_ms("p50Ms", have_e2e, have_e2e ? pct(g_e2e, g_e2e_n, 0.50) : 0, 0);
                print_ms("p99Ms", have_e2e, have_e2e ? pct(g_e2e, g_e2e_n, 0.99) : 0, 0);
                print_ms("p999Ms", have_e2e, have_e2e ? pct(g_e2e, g_e2e_n, 0.999) : 0, 0);
                print_ms("maxMs", have_e2e, have_e2e ? g_e2e[g_e2e_n - 1] : 0, 0);
                print_ms("meanMs", have_e2e, have_e2e ? sum / (double)g_e2e_n : 0, 0);
                print_ms("ackP50Ms", have_ack, have_ack ? pct(g_ack, g_ack_n, 0.50) : 0, 0);
                print_ms("ackP99Ms", have_ack, have_ack ? pct(g_ack, g_ack_n, 0.99) : 0, 0);
                print_ms("ackP999Ms", have_ack, have_ack ? pct(g_ack, g_ack_n, 0.999) : 0, 0);
                print_ms("ackMaxMs", have_ack, have_ack ? g_ack[g_ack_n - 1] : 0, 0);
                printf("\"failed\":%" PRId64 ",", g_failed + produce_errors);
                print_ms("maxSendLagMs", 1, (double)max_lag, 0);
                printf("\"duplicates\":%" PRId64 ",\"missing\":%" PRId64 "}\n",
                       g_duplicates, missing);
                fflush(stdout);

                if (g_bad_records)
                        fprintf(stderr,
                                "e2e-latency: %" PRId64
                                " foreign/short records ignored\n",
                                g_bad_records);
                if (missing || g_failed || produce_errors || g_duplicates)
                        fprintf(stderr,
                                "e2e-latency: warning: %" PRId64
                                " missing, %" PRId64 " failed, %" PRId64
                                " duplicates\n",
                                missing, g_failed + produce_errors,
                                g_duplicates);
                if (!have_e2e) {
                        fprintf(stderr, "e2e-latency: no record was consumed "
                                        "after the warm-up\n");
                        return 1;
                }
        }
        free(g_e2e);
        free(g_ack);
        free(g_seen);
        free(value);
        return 0;
}
