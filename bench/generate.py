#!/usr/bin/env python3
"""Seeded generator of a realistic corpus of AWS request documents for benchmarking reqlint.

    bench/generate.py OUT_DIR [--count 16000] [--seed 20261123] [--yaml-fraction 0.0]

Writes OUT_DIR/shard-NNN/<id>-<operation>-<label>.json (100 documents per shard, so a run over
1,000 or 10,000 files is a matter of naming 10 or 100 shards) and OUT_DIR/.manifest.json (hidden,
so a folder walk does not pick it up) listing every document with its operation, its class
(`valid`, `invalid`, `syntax`), what was done to it and its syntax (`json` or `yaml`).

The documents cover the three operations reqlint knows (CreateInferenceRecommendationsJob 45%,
CreateInferenceExperiment 30%, Clean Rooms StartTrainedModelInferenceJob 25%), are written the
way people write them (two- and four-space indentation, tabs, minified, some CRLF, a few with a
byte order mark), are 0.4-5 KB like the files in corpus/ (a few with 30-50 tags, bigger), and
come in realistic proportions: about 72% valid, 24% with one or two realistic mistakes (a
lower-case enum, a typo in a member name, a number in quotes, a missing required member, a
name that is too long, a documented-rule violation such as a 4-user phase or a reversed
schedule) and 4% that are not well-formed JSON (a trailing comma, a comment, single quotes, a
truncated file). The same seed always gives byte-identical files.

Instance types and other enum values are read from the rule packs in rules/ (next to this
script's folder) so the documents stay valid as the models change.

`--yaml-fraction F` writes that fraction of the documents as .yaml instead (for when reqlint
reads YAML request documents; scripts/bench turns it on when the built binary supports them).
"""

import argparse
import copy
import json
import os
import random
import shutil
import string
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

OPS = [
    ("sagemaker", "CreateInferenceRecommendationsJob", "cirj", 0.45),
    ("sagemaker", "CreateInferenceExperiment", "cie", 0.30),
    ("cleanroomsml", "StartTrainedModelInferenceJob", "crml", 0.25),
]

REGIONS = ["us-east-1", "us-east-2", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2",
           "ap-northeast-1", "ca-central-1", "sa-east-1", "eu-north-1"]
WORDS = ["churn", "fraud", "ranker", "reco", "vision", "bert", "xgb", "resnet", "search", "ads",
         "pricing", "forecast", "nlp", "clip", "tabular", "segment", "detector", "embed", "llm",
         "qa", "summarizer", "ltv", "propensity", "image", "audio", "speech"]
TEAMS = ["ml-platform", "growth", "risk", "search-quality", "data-science", "mlops", "ads-ranking"]
ENV_KEYS = ["SAGEMAKER_PROGRAM", "LOG_LEVEL", "BATCH_SIZE", "OMP_NUM_THREADS", "MODEL_SERVER_WORKERS",
            "TS_DEFAULT_RESPONSE_TIMEOUT", "SAGEMAKER_REGION", "MAX_BATCH_DELAY", "HF_TASK"]


def load_enums():
    enums = {}
    for service, op, _, _ in OPS:
        with open(os.path.join(ROOT, "rules", service, op + ".json"), encoding="utf-8") as f:
            pack = json.load(f)
        for name, shape in pack["shapes"].items():
            if shape.get("enum"):
                enums[(op, name)] = shape["enum"]
    return enums


class Gen:
    def __init__(self, rng, enums):
        self.r = rng
        self.enums = enums
        self.sm_types = enums[("CreateInferenceRecommendationsJob", "ProductionVariantInstanceType")]
        self.cr_types = enums[("StartTrainedModelInferenceJob", "InferenceInstanceType")]

    # -- small values -------------------------------------------------------------------
    def account(self):
        return "".join(self.r.choice(string.digits) for _ in range(12))

    def hexs(self, n):
        return "".join(self.r.choice("0123456789abcdef") for _ in range(n))

    def uuid(self):
        return f"{self.hexs(8)}-{self.hexs(4)}-4{self.hexs(3)}-{self.r.choice('89ab')}{self.hexs(3)}-{self.hexs(12)}"

    def name(self, parts=(2, 4), maxlen=40):
        words = [self.r.choice(WORDS) for _ in range(self.r.randint(*parts))]
        if self.r.random() < 0.5:
            words.append(self.r.choice(["v", "run", "exp", "q"]) + str(self.r.randint(1, 40)))
        return "-".join(words)[:maxlen].strip("-")

    def region(self):
        return self.r.choice(REGIONS)

    def role(self, acct):
        return f"arn:aws:iam::{acct}:role/{self.r.choice(['SageMakerRole', 'service-role/AmazonSageMaker-ExecutionRole-20261101T101010', 'InferenceRecommenderRole', 'MLOpsShadowRole'])}"

    def kms(self, region, acct):
        c = self.r.random()
        if c < 0.4:
            return f"arn:aws:kms:{region}:{acct}:key/{self.uuid()}"
        if c < 0.7:
            return self.uuid()
        return "alias/" + self.r.choice(["ml-volumes", "shadow-capture", "sagemaker", "team/ml"])

    def tags_list(self, big=False):
        n = self.r.randint(30, 50) if big else self.r.choice([0, 0, 1, 2, 2, 3, 4, 6])
        keys = set()
        tags = []
        while len(tags) < n:
            k = self.r.choice(["team", "cost-center", "project", "owner", "env", "stage", "app", "ticket"])
            if big or k in keys:
                k = f"{k}-{len(tags)}"
            keys.add(k)
            tags.append({"Key": k, "Value": self.r.choice(TEAMS + ["prod", "staging", f"cc-{self.r.randint(1000, 9999)}"])})
        return tags

    # -- documents ----------------------------------------------------------------------
    def cirj(self):
        r = self.r
        acct, region = self.account(), self.region()
        advanced = r.random() < 0.5
        doc = {"JobName": self.name(), "JobType": "Advanced" if advanced else "Default", "RoleArn": self.role(acct)}
        ic = {}
        if r.random() < 0.75:
            ic["ModelPackageVersionArn"] = f"arn:aws:sagemaker:{region}:{acct}:model-package/{self.name((1, 2))}/{r.randint(1, 30)}"
        else:
            ic["ModelName"] = self.name((1, 3))
        duration = r.choice([1800, 3600, 7200, 10800, 18000])
        if advanced or r.random() < 0.4:
            ic["JobDurationInSeconds"] = duration
        if advanced:
            if r.random() < 0.6:
                phases = []
                for _ in range(r.randint(1, 3)):
                    phases.append({"InitialNumberOfUsers": r.randint(1, 3), "SpawnRate": r.randint(1, 5),
                                   "DurationInSeconds": r.choice([120, 300, 600, 900, min(1800, duration)])})
                ic["TrafficPattern"] = {"TrafficType": "PHASES", "Phases": phases}
            else:
                ic["TrafficPattern"] = {"TrafficType": "STAIRS", "Stairs": {
                    "DurationInSeconds": r.choice([300, 600, 1200]), "NumberOfSteps": r.randint(2, 10), "UsersPerStep": r.randint(1, 3)}}
            ic["ResourceLimit"] = {"MaxNumberOfTests": r.randint(1, 10), "MaxParallelOfTests": r.randint(1, 3)}
            ecs = []
            for _ in range(r.randint(1, 4)):
                if r.random() < 0.15:
                    ecs.append({"ServerlessConfig": {"MemorySizeInMB": r.choice([1024, 2048, 3072, 4096, 5120, 6144]),
                                                     "MaxConcurrency": r.randint(1, 50)}})
                    continue
                ec = {"InstanceType": r.choice(self.sm_types)}
                if r.random() < 0.3:
                    ec["InferenceSpecificationName"] = self.name((1, 2))
                if r.random() < 0.3:
                    ec["EnvironmentParameterRanges"] = {"CategoricalParameterRanges": [
                        {"Name": "OMP_NUM_THREADS", "Value": sorted(r.sample(["1", "2", "4", "8"], r.randint(1, 3)))}]}
                ecs.append(ec)
            ic["EndpointConfigurations"] = ecs
        if r.random() < 0.35:
            ic["VolumeKmsKeyId"] = self.kms(region, acct)
        if r.random() < 0.3:
            cc = {"Domain": r.choice(["MACHINE_LEARNING", "COMPUTER_VISION", "NATURAL_LANGUAGE_PROCESSING"]),
                  "Task": r.choice(["CLASSIFICATION", "REGRESSION", "IMAGE_CLASSIFICATION", "OTHER"]),
                  "Framework": r.choice(["XGBOOST", "PYTORCH", "TENSORFLOW", "SAGEMAKER-SCIKIT-LEARN"]),
                  "FrameworkVersion": r.choice(["1.7-1", "2.1.0", "2.13", "1.2-1"]),
                  "PayloadConfig": {"SamplePayloadUrl": f"s3://sagemaker-{region}-{acct}/payloads/{self.name((1, 2))}.tar.gz",
                                    "SupportedContentTypes": [r.choice(["text/csv", "application/json", "application/x-image"])]},
                  "NearestModelName": r.choice(["xgboost", "resnet50", "bert-base-cased", "yolov4", "vgg16"]),
                  "SupportedInstanceTypes": r.sample(self.sm_types, r.randint(1, 3)),
                  "SupportedEndpointType": "RealTime"}
            if r.random() < 0.5:
                cc["DataInputConfig"] = json.dumps({"input": [1, 3, 224, 224]}, separators=(",", ":"))
            ic["ContainerConfig"] = cc
        if r.random() < 0.15:
            ic["VpcConfig"] = {"SecurityGroupIds": ["sg-" + self.hexs(17)], "Subnets": ["subnet-" + self.hexs(17) for _ in range(r.randint(1, 3))]}
        if r.random() < 0.1:
            ic["Endpoints"] = [{"EndpointName": self.name((1, 3))}]
        doc["InputConfig"] = ic
        if r.random() < 0.6:
            doc["JobDescription"] = r.choice(["Custom load test", "Instance recommendation for the", "Nightly benchmark of"]) + " " + self.name((1, 3)).replace("-", " ")
        if advanced and r.random() < 0.7:
            doc["StoppingConditions"] = {"MaxInvocations": r.choice([300, 600, 1000, 3000]),
                                         "ModelLatencyThresholds": [{"Percentile": "P95", "ValueInMilliseconds": r.choice([50, 80, 100, 200])}]}
            if r.random() < 0.5:
                doc["StoppingConditions"]["FlatInvocations"] = r.choice(["Continue", "Stop"])
        if r.random() < 0.4:
            doc["OutputConfig"] = {"KmsKeyId": self.kms(region, acct)}
        tags = self.tags_list(big=r.random() < 0.05)
        if tags or r.random() < 0.5:
            doc["Tags"] = tags
        return doc

    def cie(self):
        r = self.r
        acct, region = self.account(), self.region()
        prod, shadow = "AllTraffic" if r.random() < 0.5 else self.name((1, 2)), "shadow-" + self.name((1, 2), 30)
        if shadow == prod:
            shadow += "-2"
        doc = {"Name": self.name((2, 5), 100), "Type": "ShadowMode"}
        if r.random() < 0.8:
            start = r.randint(1_790_000_000, 1_830_000_000)
            end = start + r.randint(1, 30) * 86400 - r.randint(0, 3600)
            if r.random() < 0.5:
                doc["Schedule"] = {"StartTime": start, "EndTime": end}
            else:
                import datetime
                fmt = lambda t: datetime.datetime.fromtimestamp(t, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
                doc["Schedule"] = {"StartTime": fmt(start), "EndTime": fmt(end)}
        if r.random() < 0.6:
            doc["Description"] = f"Shadow test of {self.name((1, 2))} v{r.randint(2, 9)} against the production variant."
        doc["RoleArn"] = self.role(acct)
        doc["EndpointName"] = self.name((1, 3), 60)

        def variant(name):
            return {"ModelName": self.name((1, 3), 60), "VariantName": name, "InfrastructureConfig": {
                "InfrastructureType": "RealTimeInference",
                "RealTimeInferenceConfig": {"InstanceType": r.choice(self.sm_types), "InstanceCount": r.randint(1, 4)}}}
        doc["ModelVariants"] = [variant(prod), variant(shadow)]
        doc["ShadowModeConfig"] = {"SourceModelVariantName": prod,
                                   "ShadowModelVariants": [{"ShadowModelVariantName": shadow, "SamplingPercentage": r.choice([5, 10, 25, 50, 100])}]}
        if r.random() < 0.5:
            ds = {"Destination": f"s3://ml-shadow-capture-{acct}/{self.name((1, 2))}/"}
            if r.random() < 0.5:
                ds["KmsKey"] = self.kms(region, acct)
            if r.random() < 0.6:
                ds["ContentType"] = {"CsvContentTypes": ["text/csv"], "JsonContentTypes": r.sample(["application/json", "application/jsonlines", "application/x-ndjson"], r.randint(1, 3))}
            doc["DataStorageConfig"] = ds
        if r.random() < 0.4:
            doc["KmsKey"] = self.kms(region, acct)
        tags = self.tags_list(big=r.random() < 0.05)
        if tags:
            doc["Tags"] = tags
        return doc

    def crml(self):
        r = self.r
        acct, region = self.account(), self.region()
        membership = self.uuid()
        base = f"arn:aws:cleanrooms-ml:{region}:{acct}:membership/{membership}"
        doc = {"membershipIdentifier": membership,
               "name": r.choice(["Churn inference", "Lookalike scoring", "Q4 campaign", "Propensity batch", "Audience model"]) + f" {r.randint(1, 99)}",
               "trainedModelArn": f"{base}/trained-model/{self.uuid()}",
               "resourceConfig": {"instanceType": r.choice(self.cr_types), "instanceCount": r.randint(1, 10)},
               "outputConfiguration": {"accept": r.choice(["text/csv", "application/json"]), "members": [{"accountId": self.account()}]},
               "dataSource": {"mlInputChannelArn": f"{base}/ml-input-channel/{self.uuid()}"}}
        if r.random() < 0.5:
            doc["trainedModelVersionIdentifier"] = self.uuid()
        if r.random() < 0.5:
            doc["configuredModelAlgorithmAssociationArn"] = f"{base}/configured-model-algorithm-association/{self.uuid()}"
        if r.random() < 0.6:
            doc["description"] = "Batch inference over the shared " + self.name((1, 2)).replace("-", " ") + " table."
        if r.random() < 0.4:
            doc["containerExecutionParameters"] = {"maxPayloadInMB": r.randint(1, 100)}
        if r.random() < 0.5:
            doc["environment"] = {k: r.choice(["inference.py", "info", "256", "4", "1"]) for k in r.sample(ENV_KEYS, r.randint(1, 5))}
        if r.random() < 0.4:
            doc["kmsKeyArn"] = f"arn:aws:kms:{region}:{acct}:key/{self.uuid()}"
        if r.random() < 0.2:
            doc["mlModelInferencePayerAccountId"] = self.account()
        if r.random() < 0.7:
            big = r.random() < 0.05
            n = r.randint(30, 50) if big else r.randint(0, 5)
            doc["tags"] = {(f"tag-{i}" if big else r.choice(["team", "campaign", "owner", "env", "app"]) + str(i)): r.choice(TEAMS) for i in range(n)}
        return doc

    # -- mistakes -----------------------------------------------------------------------
    def mutate(self, op, doc):
        """Applies one realistic mistake; returns its label."""
        r = self.r
        common = ["enum-case", "unknown-member-case", "quoted-number", "missing-required", "too-long-name",
                  "bad-name-pattern", "null-value", "wrong-container"]
        specific = {
            "cirj": ["phase-initial-users", "job-duration-max", "security-group", "sample-payload", "serverless-memory",
                     "percentile-p99", "traffic-pattern-match", "role-arn-user", "fractional-int"],
            "cie": ["schedule-reversed", "schedule-too-long", "shadow-same-as-source", "sampling-101", "variant-unknown",
                    "two-many-variants", "bad-timestamp", "tag-aws-prefix"],
            "crml": ["account-11", "instance-count-0", "env-key-digit", "tag-aws-prefix", "uuid-uppercase", "tags-list"],
        }[op]
        kind = r.choice(common + specific + specific)
        name_key = {"cirj": "JobName", "cie": "Name", "crml": "name"}[op]
        if kind == "enum-case":
            if op == "cirj":
                doc["JobType"] = doc["JobType"].lower()
            elif op == "cie":
                doc["ModelVariants"][0]["InfrastructureConfig"]["RealTimeInferenceConfig"]["InstanceType"] = \
                    doc["ModelVariants"][0]["InfrastructureConfig"]["RealTimeInferenceConfig"]["InstanceType"].upper()
            else:
                doc["resourceConfig"]["instanceType"] = doc["resourceConfig"]["instanceType"].replace("ml.", "ml_")
        elif kind == "unknown-member-case":
            keys = list(doc.keys())
            k = r.choice(keys)
            doc[k[0].swapcase() + k[1:]] = doc.pop(k)
        elif kind == "quoted-number":
            if op == "cirj":
                doc["InputConfig"]["JobDurationInSeconds"] = str(doc["InputConfig"].get("JobDurationInSeconds", 3600))
            elif op == "cie":
                sv = doc["ShadowModeConfig"]["ShadowModelVariants"][0]
                sv["SamplingPercentage"] = str(sv["SamplingPercentage"])
            else:
                doc["resourceConfig"]["instanceCount"] = str(doc["resourceConfig"]["instanceCount"])
        elif kind == "missing-required":
            req = {"cirj": ["JobName", "RoleArn", "InputConfig", "JobType"], "cie": ["RoleArn", "EndpointName", "ShadowModeConfig"],
                   "crml": ["dataSource", "membershipIdentifier", "outputConfiguration"]}[op]
            doc.pop(r.choice(req), None)
        elif kind == "too-long-name":
            doc[name_key] = "-".join(self.name((4, 4)) for _ in range(8))[: {"cirj": 70, "cie": 130, "crml": 70}[op]]
        elif kind == "bad-name-pattern":
            doc[name_key] = doc[name_key].replace("-", "_") + ("_x" if op != "crml" else "\n")
        elif kind == "null-value":
            doc[r.choice(list(doc.keys()))] = None
        elif kind == "wrong-container":
            if op == "cirj":
                doc["Tags"] = {t["Key"]: t["Value"] for t in doc.get("Tags", [])} or {"team": "ml"}
            elif op == "cie":
                doc["ModelVariants"] = doc["ModelVariants"][0]
            else:
                doc["outputConfiguration"]["members"] = doc["outputConfiguration"]["members"][0]
        elif kind == "phase-initial-users":
            doc["InputConfig"]["TrafficPattern"] = {"TrafficType": "PHASES", "Phases": [{"InitialNumberOfUsers": r.choice([4, 5, 10]), "SpawnRate": 1, "DurationInSeconds": 300}]}
        elif kind == "job-duration-max":
            doc["InputConfig"]["JobDurationInSeconds"] = r.choice([18001, 36000, 86400])
        elif kind == "security-group":
            doc["InputConfig"]["VpcConfig"] = {"SecurityGroupIds": [self.hexs(8)], "Subnets": ["subnet-" + self.hexs(8)]}
        elif kind == "sample-payload":
            doc["InputConfig"]["ContainerConfig"] = {"PayloadConfig": {"SamplePayloadUrl": f"s3://bucket-{self.hexs(6)}/payload.{r.choice(['tgz', 'tar', 'json.gz', 'zip'])}"}}
        elif kind == "serverless-memory":
            doc["InputConfig"]["EndpointConfigurations"] = [{"ServerlessConfig": {"MemorySizeInMB": r.choice([1536, 2000, 5000]), "MaxConcurrency": 5}}]
        elif kind == "percentile-p99":
            doc["JobType"] = "Advanced"
            doc["StoppingConditions"] = {"ModelLatencyThresholds": [{"Percentile": "P99", "ValueInMilliseconds": 100}]}
        elif kind == "traffic-pattern-match":
            doc["InputConfig"]["TrafficPattern"] = {"TrafficType": "STAIRS", "Phases": [{"InitialNumberOfUsers": 1, "SpawnRate": 1, "DurationInSeconds": 300}]}
        elif kind == "role-arn-user":
            doc["RoleArn"] = doc["RoleArn"].replace(":role/", ":user/")
        elif kind == "fractional-int":
            doc["InputConfig"]["JobDurationInSeconds"] = float(doc["InputConfig"].get("JobDurationInSeconds", 3600)) + 0.5
        elif kind == "schedule-reversed":
            doc["Schedule"] = {"StartTime": 1_800_000_000, "EndTime": 1_799_990_000}
        elif kind == "schedule-too-long":
            doc["Schedule"] = {"StartTime": 1_800_000_000, "EndTime": 1_800_000_000 + 31 * 86400}
        elif kind == "shadow-same-as-source":
            doc["ShadowModeConfig"]["ShadowModelVariants"][0]["ShadowModelVariantName"] = doc["ShadowModeConfig"]["SourceModelVariantName"]
        elif kind == "sampling-101":
            doc["ShadowModeConfig"]["ShadowModelVariants"][0]["SamplingPercentage"] = r.choice([101, 150, -5])
        elif kind == "variant-unknown":
            doc["ShadowModeConfig"]["SourceModelVariantName"] = "prod-" + self.hexs(4)
        elif kind == "two-many-variants":
            doc["ModelVariants"].append(dict(doc["ModelVariants"][1], VariantName="third"))
        elif kind == "bad-timestamp":
            doc["Schedule"] = {"StartTime": r.choice(["2026-02-30T10:00:00Z", "2026-12-01 10:00", "next monday", "2026-12-01T25:00:00Z"]), "EndTime": 1_900_000_000}
        elif kind == "tag-aws-prefix":
            if op == "crml":
                doc.setdefault("tags", {})[r.choice(["aws:team", "AWS:owner", "Aws:x"])] = "v"
            else:
                doc.setdefault("Tags", []).append({"Key": r.choice(["aws:team", "AWS:owner"]), "Value": "v"})
        elif kind == "account-11":
            doc["outputConfiguration"]["members"][0]["accountId"] = self.account()[:11]
        elif kind == "instance-count-0":
            doc["resourceConfig"]["instanceCount"] = r.choice([0, 11, 50])
        elif kind == "env-key-digit":
            doc["environment"] = {"1ST_KEY": "x", "BATCH-SIZE": "2"}
        elif kind == "uuid-uppercase":
            doc["membershipIdentifier"] = doc["membershipIdentifier"].upper()
        elif kind == "tags-list":
            doc["tags"] = [{"Key": "team", "Value": "x"}]
        return kind

    # -- syntax -------------------------------------------------------------------------
    def break_syntax(self, text):
        r = self.r
        kind = r.choice(["trailing-comma", "comment", "single-quotes", "truncated", "unquoted-key", "missing-comma", "smart-quotes", "nan"])
        if kind == "trailing-comma":
            i = text.rfind("}")
            j = text.rfind('"', 0, i)
            text = text[: j + 1] + "," + text[j + 1:]
        elif kind == "comment":
            i = text.find("\n")
            text = text[: i + 1] + "  // TODO: fill in the role\n" + text[i + 1:] if i >= 0 else "/* draft */ " + text
        elif kind == "single-quotes":
            i = text.find('"')
            j = text.find('"', i + 1)
            text = text[:i] + "'" + text[i + 1: j] + "'" + text[j + 1:]
        elif kind == "truncated":
            text = text[: r.randint(len(text) // 3, len(text) - 2)]
        elif kind == "unquoted-key":
            i = text.find('"')
            j = text.find('"', i + 1)
            text = text[:i] + text[i + 1: j] + text[j + 1:]
        elif kind == "missing-comma":
            i = text.find(",", len(text) // 2)
            text = text[:i] + text[i + 1:] if i > 0 else text + "x"
        elif kind == "smart-quotes":
            i = text.find('"')
            text = text[:i] + "\u201c" + text[i + 1:]
        elif kind == "nan":
            i = text.rfind("}")
            text = text[:i].rstrip() + ', "Extra": NaN\n' + text[i:]
        return kind, text

    # -- writing ------------------------------------------------------------------------
    def render_json(self, doc):
        r = self.r
        style = r.random()
        if style < 0.60:
            text = json.dumps(doc, indent=2, ensure_ascii=False)
        elif style < 0.75:
            text = json.dumps(doc, indent=4, ensure_ascii=False)
        elif style < 0.80:
            text = json.dumps(doc, indent="\t", ensure_ascii=False)
        else:
            text = json.dumps(doc, separators=(",", ":"), ensure_ascii=False)
        return text + ("\n" if r.random() < 0.8 else "")


def yaml_text(doc):
    """Block-style YAML as people write it: plain scalars where they are safe, quotes where a
    YAML 1.2 reader (the AWS CLI's, reqlint's) would see another type. PyYAML follows YAML 1.1
    and leaves `055926666163` or `1_000` plain; those are numbers in 1.2."""
    import re
    import yaml

    risky = re.compile(r"^(?:[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9]+|0[xXoObB][0-9a-fA-F_]+|\.inf|\.nan)"
                       r"|yes|no|on|off|y|n|true|false|null|~|[0-9]+:[0-9]+(?::[0-9]+)?|[0-9]{4}-[0-9]{2}-[0-9]{2}.*)$", re.IGNORECASE)

    class Dumper(yaml.SafeDumper):
        def ignore_aliases(self, data):  # a shared Python object is written out again, not as *alias
            return True

    def string(dumper, value):
        style = '"' if risky.match(value) or value == "" else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, string)
    return yaml.dump(doc, Dumper=Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False, width=200)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("out")
    p.add_argument("--count", type=int, default=16000)
    p.add_argument("--seed", type=int, default=20261123)
    p.add_argument("--yaml-fraction", type=float, default=0.0)
    p.add_argument("--per-shard", type=int, default=100)
    args = p.parse_args()

    rng = random.Random(args.seed)
    gen = Gen(rng, load_enums())
    if os.path.exists(args.out):
        shutil.rmtree(args.out)
    os.makedirs(args.out)
    manifest = []
    total_bytes = 0
    weights = [w for *_, w in OPS]
    for i in range(args.count):
        service, op, short, _ = rng.choices(OPS, weights)[0]
        doc = getattr(gen, short)()
        c = rng.random()
        klass, label = "valid", "valid"
        if c < 0.04:
            klass = "syntax"
        elif c < 0.28:
            klass = "invalid"
            label = gen.mutate(short, doc)
            if rng.random() < 0.25:
                # A second mistake, unless the first one removed what it would change.
                attempt = copy.deepcopy(doc)
                try:
                    second = gen.mutate(short, attempt)
                    doc, label = attempt, label + "+" + second
                except (KeyError, TypeError, IndexError, AttributeError):
                    pass
        as_yaml = klass != "syntax" and rng.random() < args.yaml_fraction
        if as_yaml:
            text, ext = yaml_text(doc), ".yaml"
        else:
            text, ext = gen.render_json(doc), ".json"
            if klass == "syntax":
                label, text = gen.break_syntax(text)
            if rng.random() < 0.05:
                text = text.replace("\n", "\r\n")
            if rng.random() < 0.01:
                text = "\ufeff" + text
        shard = f"shard-{i // args.per_shard:03d}"
        safe = label.replace("+", "_")
        rel = f"{shard}/{i:05d}-{short}-{safe}{ext}"
        path = os.path.join(args.out, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        data = text.encode("utf-8")
        with open(path, "wb") as f:
            f.write(data)
        total_bytes += len(data)
        manifest.append({"path": rel, "operation": f"{service}:{op}", "class": klass, "label": label,
                         "syntax": "yaml" if as_yaml else "json", "bytes": len(data)})
    with open(os.path.join(args.out, ".manifest.json"), "w", encoding="utf-8") as f:
        json.dump({"seed": args.seed, "count": args.count, "bytes": total_bytes, "documents": manifest}, f, indent=0)
    counts = {}
    for m in manifest:
        counts[m["class"]] = counts.get(m["class"], 0) + 1
    print(f"generated {args.count} documents ({total_bytes / 1e6:.1f} MB, "
          + ", ".join(f"{v} {k}" for k, v in sorted(counts.items()))
          + f", {sum(1 for m in manifest if m['syntax'] == 'yaml')} YAML) in {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
