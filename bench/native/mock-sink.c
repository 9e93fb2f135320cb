/*
 * mock-sink: a "null sink" Kafka cluster for measuring client ceilings.
 *
 * Runs librdkafka's in-process mock cluster (rdkafka_mock.h) so that a
 * benchmark client can be pointed at a "broker" that costs (almost) nothing,
 * which gives the upper bound the client itself can reach on this machine.
 *
 * Usage: mock-sink <brokers> [<topic>:<partitions> ...]
 *
 * Prints one line "bootstrap <host:port,...>" on stdout once the cluster is
 * up, then runs until SIGTERM or SIGINT, tears the cluster down and exits 0.
 * Any setup error is reported on stderr and the exit code is 1.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

static void usage(void) {
        fprintf(stderr,
                "usage: mock-sink <brokers> [<topic>:<partitions> ...]\n");
}

/* Parses a strictly positive decimal int; returns -1 if invalid. */
static int parse_positive(const char *s) {
        char *end = NULL;
        long v;

        if (!s || !*s)
                return -1;
        errno = 0;
        v     = strtol(s, &end, 10);
        if (errno || *end != '\0' || v <= 0 || v > INT_MAX)
                return -1;
        return (int)v;
}

int main(int argc, char **argv) {
        char errstr[512];
        rd_kafka_conf_t *conf;
        rd_kafka_t *rk;
        rd_kafka_mock_cluster_t *mcluster;
        const char *bootstraps;
        sigset_t sigs;
        int brokers, sig, i;

        if (argc < 2) {
                usage();
                return 1;
        }
        brokers = parse_positive(argv[1]);
        if (brokers < 0) {
                fprintf(stderr, "mock-sink: invalid broker count '%s'\n",
                        argv[1]);
                usage();
                return 1;
        }

        /* Validate all topic specs before starting anything. */
        for (i = 2; i < argc; i++) {
                const char *colon = strrchr(argv[i], ':');
                if (!colon || colon == argv[i] ||
                    parse_positive(colon + 1) < 0) {
                        fprintf(stderr,
                                "mock-sink: invalid topic spec '%s' "
                                "(expected <topic>:<partitions>)\n",
                                argv[i]);
                        usage();
                        return 1;
                }
        }

        /* Block the termination signals before librdkafka starts its
         * threads, so that they inherit the mask and only sigwait() below
         * ever receives them. */
        sigemptyset(&sigs);
        sigaddset(&sigs, SIGTERM);
        sigaddset(&sigs, SIGINT);
        if (pthread_sigmask(SIG_BLOCK, &sigs, NULL) != 0) {
                fprintf(stderr, "mock-sink: pthread_sigmask failed\n");
                return 1;
        }

        conf = rd_kafka_conf_new();
        /* Only errors (syslog level 3) and worse are logged. */
        if (rd_kafka_conf_set(conf, "log_level", "3", errstr,
                              sizeof(errstr)) != RD_KAFKA_CONF_OK) {
                fprintf(stderr, "mock-sink: %s\n", errstr);
                rd_kafka_conf_destroy(conf);
                return 1;
        }

        /* The handle only owns the mock cluster; it never connects to it. */
        rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof(errstr));
        if (!rk) {
                fprintf(stderr, "mock-sink: failed to create handle: %s\n",
                        errstr);
                rd_kafka_conf_destroy(conf);
                return 1;
        }

        mcluster = rd_kafka_mock_cluster_new(rk, brokers);
        if (!mcluster) {
                fprintf(stderr,
                        "mock-sink: failed to create mock cluster with %d "
                        "broker(s)\n",
                        brokers);
                rd_kafka_destroy(rk);
                return 1;
        }

        for (i = 2; i < argc; i++) {
                char *spec  = strdup(argv[i]);
                char *colon = spec ? strrchr(spec, ':') : NULL;
                rd_kafka_resp_err_t err;
                int partitions;

                if (!colon) {
                        fprintf(stderr, "mock-sink: out of memory\n");
                        free(spec);
                        rd_kafka_mock_cluster_destroy(mcluster);
                        rd_kafka_destroy(rk);
                        return 1;
                }
                *colon     = '\0';
                partitions = parse_positive(colon + 1);
                err = rd_kafka_mock_topic_create(mcluster, spec, partitions, 1);
                if (err) {
                        fprintf(stderr,
                                "mock-sink: failed to create topic '%s' "
                                "with %d partition(s): %s\n",
                                spec, partitions, rd_kafka_err2str(err));
                        free(spec);
                        rd_kafka_mock_cluster_destroy(mcluster);
                        rd_kafka_destroy(rk);
                        return 1;
                }
                free(spec);
        }

        bootstraps = rd_kafka_mock_cluster_bootstraps(mcluster);
        if (!bootstraps || !*bootstraps) {
                fprintf(stderr, "mock-sink: mock cluster has no bootstrap "
                                "servers\n");
                rd_kafka_mock_cluster_destroy(mcluster);
                rd_kafka_destroy(rk);
                return 1;
        }
        printf("bootstrap %s\n", bootstraps);
        fflush(stdout);

        for (;;) {
                if (sigwait(&sigs, &sig) != 0) {
                        fprintf(stderr, "mock-sink: sigwait failed\n");
                        rd_kafka_mock_cluster_destroy(mcluster);
                        rd_kafka_destroy(rk);
                        return 1;
                }
                if (sig == SIGTERM || sig == SIGINT)
                        break;
        }

        rd_kafka_mock_cluster_destroy(mcluster);
        rd_kafka_destroy(rk);
        return 0;
}
