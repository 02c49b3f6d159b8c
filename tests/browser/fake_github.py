"""A fake GitHub API on 127.0.0.1: the part of the REST and GraphQL APIs that the
editor (Sveltia CMS, GitHub backend, editorial workflow) uses to sign in with a
token, read the repository and open a pull request.

One repository whose main branch holds the files it is given, one user with
write access. The GraphQL queries are answered by graphql-core against a schema
holding the types and fields of GitHub's schema the CMS asks for (same names
and types as https://docs.github.com/en/graphql), so aliases, fragments and
variables work as on GitHub. What it records for the test: the branches, the
commits (with the files of each) and the pull requests made; every request it
cannot answer is recorded too (the test fails on any).
"""
from __future__ import annotations

import base64
import hashlib
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

from graphql import build_schema, graphql_sync

SCHEMA = build_schema("""
scalar GitObjectID
scalar DateTime
scalar Base64String
scalar URI

type Query {
  repository(owner: String!, name: String!): Repository
  node(id: ID!): Node
}
interface Node { id: ID! }
interface GitObject { oid: GitObjectID! }
type User { id: ID!, databaseId: Int, login: String!, name: String, email: String, avatarUrl: URI }
type GitActor { name: String, email: String, avatarUrl: URI, user: User }
type Repository implements Node {
  id: ID!
  defaultBranchRef: Ref
  ref(qualifiedName: String!): Ref
  refs(refPrefix: String!, first: Int): RefConnection
  object(oid: GitObjectID, expression: String): GitObject
  pullRequests(states: [PullRequestState!], labels: [String!], first: Int, orderBy: IssueOrder,
               headRefName: String): PullRequestConnection
}
type Ref { name: String!, target: GitObject }
type RefConnection { nodes: [Ref] }
type Blob implements GitObject { oid: GitObjectID!, text: String, byteSize: Int!, isBinary: Boolean, isTruncated: Boolean! }
type Commit implements GitObject {
  oid: GitObjectID!
  message: String!
  committedDate: DateTime!
  author: GitActor
  history(first: Int, path: String): CommitHistoryConnection
  file(path: String!): TreeEntry
  status: Status
  deployments(last: Int, orderBy: DeploymentOrder): DeploymentConnection
  checkSuites(last: Int): CheckSuiteConnection
}
enum StatusState { SUCCESS PENDING EXPECTED FAILURE ERROR }
type StatusContext { context: String!, state: StatusState!, targetUrl: URI, description: String }
type Status { contexts: [StatusContext!]! }
enum DeploymentOrderField { CREATED_AT }
input DeploymentOrder { field: DeploymentOrderField!, direction: OrderDirection! }
type DeploymentStatus { state: String!, environmentUrl: URI, description: String }
type Deployment { environment: String, latestStatus: DeploymentStatus }
type DeploymentConnection { nodes: [Deployment] }
type CheckRun { name: String!, status: String!, conclusion: String, detailsUrl: URI, summary: String }
type CheckRunConnection { nodes: [CheckRun] }
type CheckSuite { checkRuns(last: Int): CheckRunConnection }
type CheckSuiteConnection { nodes: [CheckSuite] }
type TreeEntry { oid: GitObjectID! }
type CommitHistoryConnection { nodes: [Commit] }
enum PullRequestState { OPEN CLOSED MERGED }
enum IssueOrderField { CREATED_AT UPDATED_AT COMMENTS }
enum OrderDirection { ASC DESC }
input IssueOrder { field: IssueOrderField!, direction: OrderDirection! }
enum PatchStatus { ADDED DELETED MODIFIED RENAMED COPIED CHANGED }
type Label { name: String! }
type LabelConnection { nodes: [Label] }
type PullRequestChangedFile { path: String!, changeType: PatchStatus! }
type PullRequestChangedFileConnection { nodes: [PullRequestChangedFile] }
type PullRequest implements Node {
  id: ID!
  number: Int!
  title: String!
  url: URI!
  state: PullRequestState!
  isDraft: Boolean!
  isCrossRepository: Boolean!
  createdAt: DateTime!
  updatedAt: DateTime!
  headRefName: String!
  headRefOid: GitObjectID!
  headRepositoryOwner: User
  author: User
  labels(first: Int): LabelConnection
  files(first: Int): PullRequestChangedFileConnection
}
type PullRequestConnection { nodes: [PullRequest] }

input CreateRefInput { repositoryId: ID!, name: String!, oid: GitObjectID!, clientMutationId: String }
type CreateRefPayload { ref: Ref }
input CommittableBranch { id: ID, repositoryNameWithOwner: String, branchName: String }
input FileAddition { path: String!, contents: Base64String! }
input FileDeletion { path: String! }
input FileChanges { additions: [FileAddition!], deletions: [FileDeletion!] }
input CommitMessage { headline: String!, body: String }
input CreateCommitOnBranchInput {
  branch: CommittableBranch!, expectedHeadOid: GitObjectID!, fileChanges: FileChanges,
  message: CommitMessage!, clientMutationId: String
}
type CreateCommitOnBranchPayload { commit: Commit }
input MarkPullRequestReadyForReviewInput { pullRequestId: ID!, clientMutationId: String }
input ConvertPullRequestToDraftInput { pullRequestId: ID!, clientMutationId: String }
type PullRequestPayload { pullRequest: PullRequest }
type Mutation {
  createRef(input: CreateRefInput!): CreateRefPayload
  createCommitOnBranch(input: CreateCommitOnBranchInput!): CreateCommitOnBranchPayload
  markPullRequestReadyForReview(input: MarkPullRequestReadyForReviewInput!): PullRequestPayload
  convertPullRequestToDraft(input: ConvertPullRequestToDraftInput!): PullRequestPayload
}
""")
SCHEMA.type_map["GitObject"].resolve_type = lambda value, *_: type(value).__name__
SCHEMA.type_map["Node"].resolve_type = lambda value, *_: type(value).__name__

USER = {"id": 4711, "databaseId": 4711, "login": "nmt-redaktor", "name": "NMT-redaktör", "email": None}
NOW = "2026-12-01T09:00:00Z"


def blob_sha(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


@dataclass
class Blob:
    data: bytes

    @property
    def oid(self):
        return blob_sha(self.data)

    @property
    def text(self):
        return self.data.decode("utf-8")

    @property
    def byteSize(self):  # noqa: N802 (GitHub's field name)
        return len(self.data)

    isBinary = isTruncated = False  # noqa: N815


@dataclass
class Commit:
    oid: str
    message: str
    tree: dict          # path → Blob
    parent: "Commit | None"
    committedDate: str = NOW  # noqa: N815
    author: dict = field(default_factory=lambda: {"name": USER["name"], "email": "redaktor@example.org",
                                                  "avatarUrl": None, "user": USER})

    def history(self, info, first=None, path=None):
        found, commit = [], self
        while commit is not None and (first is None or len(found) < first):
            if path is None or commit.changed(path):
                found.append(commit)
            commit = commit.parent
        return {"nodes": found}

    def changed(self, path: str) -> bool:
        before = self.parent.tree.get(path) if self.parent else None
        return self.tree.get(path) is not before and path in self.tree

    # No checks, deployments or statuses: the repository has no deploy previews.
    status = None

    def deployments(self, info, last=None, orderBy=None):  # noqa: N803
        return {"nodes": []}

    def checkSuites(self, info, last=None):  # noqa: N802
        return {"nodes": []}

    def file(self, info, path):
        blob = self.tree.get(path)
        return {"oid": blob.oid} if blob else None


@dataclass
class PullRequest:
    number: int
    title: str
    head: str
    base: str
    draft: bool
    repo: "Repository"
    label_names: list = field(default_factory=list)

    @property
    def id(self):
        return f"PR_{self.number}"

    @property
    def url(self):
        return f"https://github.com/{self.repo.full_name}/pull/{self.number}"

    state, isCrossRepository, createdAt, updatedAt = "OPEN", False, NOW, NOW  # noqa: N815

    @property
    def isDraft(self):  # noqa: N802
        return self.draft

    @property
    def headRefName(self):  # noqa: N802
        return self.head

    @property
    def headRefOid(self):  # noqa: N802
        return self.repo.refs[self.head].oid

    author = headRepositoryOwner = USER  # noqa: N815

    def labels(self, info, first=None):
        return {"nodes": [{"name": name} for name in self.label_names]}

    def changed_files(self) -> dict:
        head, base = self.repo.refs[self.head].tree, self.repo.refs[self.base].tree
        return {path: ("ADDED" if path not in base else "MODIFIED") for path, blob in head.items()
                if base.get(path) is not blob and (path not in base or base[path].data != blob.data)}

    def files(self, info, first=None):
        return {"nodes": [{"path": path, "changeType": kind} for path, kind in self.changed_files().items()]}


class Repository:
    def __init__(self, full_name: str, files: dict[str, bytes], branch: str = "main"):
        self.full_name, self.default_branch = full_name, branch
        self.id = "R_" + full_name
        root = Commit(oid=hashlib.sha1(b"root").hexdigest(), message="The handbook",
                      tree={path: Blob(data) for path, data in files.items()}, parent=None)
        self.commits = {root.oid: root}
        self.refs = {branch: root}
        self.created_branches: list[str] = []
        self.new_commits: list[Commit] = []
        self.pulls: list[PullRequest] = []
        self.lock = threading.Lock()

    # GraphQL fields of Repository
    @property
    def defaultBranchRef(self):  # noqa: N802
        return self.ref(None, self.default_branch)

    def ref(self, info, qualifiedName):  # noqa: N803
        name = qualifiedName.removeprefix("refs/heads/")
        return {"name": name, "target": self.refs[name]} if name in self.refs else None

    def refs_(self, prefix: str):
        return [{"name": name.removeprefix(prefix), "target": commit} for name, commit in self.refs.items()
                if f"refs/heads/{name}".startswith(prefix)]

    def object(self, info, oid=None, expression=None):
        if expression is not None:
            branch, _, path = expression.partition(":")
            commit = self.refs.get(branch)
            return commit.tree.get(path) if commit else None
        if oid in self.commits:
            return self.commits[oid]
        return next((blob for commit in self.commits.values() for blob in commit.tree.values()
                     if blob.oid == oid), None)

    def pullRequests(self, info, states=None, labels=None, first=None, orderBy=None, headRefName=None):  # noqa: N802,N803
        found = [pull for pull in self.pulls
                 if (labels is None or set(labels) & set(pull.label_names))
                 and (headRefName is None or pull.head == headRefName)]
        return {"nodes": found}

    # Changes
    def create_ref(self, name: str, oid: str) -> dict:
        branch = name.removeprefix("refs/heads/")
        if branch in self.refs:
            raise ValueError(f"A ref named \"{name}\" already exists in the repository.")
        self.refs[branch] = self.commits[oid]
        self.created_branches.append(branch)
        return {"name": branch, "target": self.commits[oid]}

    def commit_on_branch(self, branch: str, expected_head: str, additions, deletions, message: str) -> Commit:
        head = self.refs[branch]
        if head.oid != expected_head:
            raise ValueError(f"Expected branch to point to \"{expected_head}\" but it did not.")
        tree = dict(head.tree)
        for item in deletions or []:
            tree.pop(item["path"], None)
        for item in additions or []:
            tree[item["path"]] = Blob(base64.b64decode(item["contents"]))
        oid = hashlib.sha1(f"{head.oid}{message}{sorted(tree)}{len(self.commits)}".encode()).hexdigest()
        commit = Commit(oid=oid, message=message, tree=tree, parent=head)
        self.commits[oid], self.refs[branch] = commit, commit
        self.new_commits.append(commit)
        return commit


class Mutations:
    def __init__(self, repo: Repository):
        self.repo = repo

    def createRef(self, info, input):  # noqa: N802,A002
        return {"ref": self.repo.create_ref(input["name"], input["oid"])}

    def createCommitOnBranch(self, info, input):  # noqa: N802,A002
        changes = input.get("fileChanges") or {}
        commit = self.repo.commit_on_branch(input["branch"]["branchName"], input["expectedHeadOid"],
                                            changes.get("additions"), changes.get("deletions"),
                                            input["message"]["headline"])
        return {"commit": commit}

    def _pull(self, node_id):
        return next(pull for pull in self.repo.pulls if pull.id == node_id)

    def markPullRequestReadyForReview(self, info, input):  # noqa: N802,A002
        pull = self._pull(input["pullRequestId"])
        pull.draft = False
        return {"pullRequest": pull}

    def convertPullRequestToDraft(self, info, input):  # noqa: N802,A002
        pull = self._pull(input["pullRequestId"])
        pull.draft = True
        return {"pullRequest": pull}


class Queries:
    def __init__(self, repo: Repository):
        self.repo = repo

    def repository(self, info, owner, name):
        return RepositoryView(self.repo) if f"{owner}/{name}" == self.repo.full_name else None

    def node(self, info, id):  # noqa: A002
        return next((pull for pull in self.repo.pulls if pull.id == id), None)


class RepositoryView:
    """The Repository type (refs needs its own name: the attribute holds the branches)."""

    def __init__(self, repo: Repository):
        self._repo = repo
        self.id = repo.id
        self.defaultBranchRef = repo.defaultBranchRef  # noqa: N815
        self.ref, self.object, self.pullRequests = repo.ref, repo.object, repo.pullRequests  # noqa: N815

    def refs(self, info, refPrefix, first=None):  # noqa: N803
        return {"nodes": self._repo.refs_(refPrefix)}


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64   # the CMS asks several things at once


class FakeGitHub:
    """The API, its repository and what was asked of it."""

    def __init__(self, full_name: str, files: dict[str, bytes]):
        self.repo = Repository(full_name, files)
        self.unanswered: list[str] = []
        self.requests: list[str] = []
        self.server = Server(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    # --- REST ---------------------------------------------------------------------------------
    def rest(self, method: str, path: str, query: dict, body) -> tuple[int, object]:
        repo, prefix = self.repo, f"/repos/{self.repo.full_name}"
        if (method, path) == ("GET", "/user"):
            return 200, {"id": USER["id"], "login": USER["login"], "name": USER["name"], "email": None,
                         "html_url": f"https://github.com/{USER['login']}", "avatar_url": ""}
        if (method, path) == ("GET", "/user/repository_invitations"):
            return 200, []
        if (method, path) == ("GET", prefix):
            return 200, {"full_name": repo.full_name, "private": False, "allow_forking": True,
                         "default_branch": repo.default_branch, "owner": {"login": repo.full_name.split("/")[0],
                                                                          "type": "Organization"},
                         "permissions": {"admin": False, "maintain": False, "push": True, "pull": True}}
        if method == "GET" and path.startswith(f"{prefix}/collaborators/"):
            return 204, None
        if method == "GET" and path.startswith(f"{prefix}/git/trees/"):
            name = unquote(path.rsplit("/", 1)[1])
            commit = repo.refs.get(name) or repo.commits.get(name)
            return 200, {"sha": commit.oid, "truncated": False, "tree": [
                {"path": path_, "type": "blob", "mode": "100644", "sha": blob.oid, "size": len(blob.data)}
                for path_, blob in sorted(commit.tree.items())]}
        if (method, path) == ("POST", f"{prefix}/pulls"):
            pull = PullRequest(number=len(repo.pulls) + 1, title=body["title"], head=body["head"],
                               base=body["base"], draft=bool(body.get("draft")), repo=repo)
            repo.pulls.append(pull)
            return 201, {"number": pull.number, "node_id": pull.id, "title": pull.title, "html_url": pull.url,
                         "created_at": NOW, "updated_at": NOW, "draft": pull.draft}
        if path.startswith(f"{prefix}/issues/"):
            return self.issue(method, path[len(prefix) + len("/issues/"):], body)
        return 404, {"message": "Not Found"}

    def issue(self, method: str, rest: str, body) -> tuple[int, object]:
        number, _, what = rest.partition("/")
        pull = next((pull for pull in self.repo.pulls if str(pull.number) == number), None)
        if pull is None:
            return 404, {"message": "Not Found"}
        if method == "POST" and what == "labels":
            pull.label_names += [name for name in body["labels"] if name not in pull.label_names]
        elif method == "PATCH" and what == "":
            pull.label_names = list(body.get("labels", pull.label_names))
        elif not (method == "GET" and what == ""):
            return 404, {"message": "Not Found"}
        return 200, {"number": pull.number, "labels": [{"name": name} for name in pull.label_names]}

    # --- GraphQL ------------------------------------------------------------------------------
    def graphql(self, body) -> tuple[int, object]:
        query = body["query"]
        self.requests.append("GraphQL " + " ".join(query.split())[:80])
        root = Mutations(self.repo) if query.lstrip().startswith("mutation") else Queries(self.repo)
        result = graphql_sync(SCHEMA, query, root_value=root, variable_values=body.get("variables"))
        answer = {"data": result.data}
        if result.errors:
            answer["errors"] = [{"message": error.message, "type": "UNPROCESSABLE"} for error in result.errors]
            self.unanswered += [f"GraphQL: {error.message}" for error in result.errors]
        return 200, answer

    def _handler(self):
        api = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _send(self, status: int, payload=None):
                data = b"" if payload is None else json.dumps(payload).encode("utf-8")
                self.send_response(status)
                # GitHub's API answers browsers from any origin (CORS), as here.
                self.send_header("Access-Control-Allow-Origin", "*")
                self.send_header("Access-Control-Expose-Headers", "Link, X-OAuth-Scopes")
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_OPTIONS(self):  # noqa: N802 (the browser's CORS preflight)
                self.send_response(204)
                self.send_header("Access-Control-Allow-Origin", "*")
                self.send_header("Access-Control-Allow-Methods", "GET, POST, PATCH, PUT, DELETE")
                self.send_header("Access-Control-Allow-Headers", self.headers.get("Access-Control-Request-Headers", "*"))
                self.send_header("Access-Control-Max-Age", "600")
                self.end_headers()

            def _answer(self):
                parts = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"null") if length else None
                api.requests.append(f"{self.command} {parts.path}")
                if not self.headers.get("Authorization", "").startswith(("token ", "Bearer ")):
                    api.unanswered.append(f"{self.command} {parts.path} without a token")
                    return self._send(401, {"message": "Requires authentication"})
                with api.repo.lock:
                    if (self.command, parts.path) == ("POST", "/graphql"):
                        status, payload = api.graphql(body)
                    else:
                        status, payload = api.rest(self.command, parts.path, parse_qs(parts.query), body)
                if status == 404:
                    api.unanswered.append(f"{self.command} {self.path}")
                self._send(status, payload)

            do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _answer  # noqa: N815

        return Handler
