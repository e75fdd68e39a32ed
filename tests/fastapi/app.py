"""A FastAPI application shaped like the ones our users run, for the round trip in
scripts/fastapi.sh: FastAPI writes specs/fastapi.json from it, oasforge generates a client
from that, and tests/fastapi_app.rs drives every operation against this app under uvicorn,
comparing exact values.

Each operation answers with what it received (or a fixed value the test knows), so a value
the client writes wrongly, or reads wrongly, shows up as a difference.
"""

import datetime
import enum
import uuid
from typing import Annotated, Literal, Optional, Union

from fastapi import (
    Cookie,
    Depends,
    FastAPI,
    File,
    Form,
    Header,
    HTTPException,
    Path,
    Query,
    Response,
    UploadFile,
    status,
)
from fastapi.security import (
    APIKeyCookie,
    APIKeyHeader,
    APIKeyQuery,
    HTTPAuthorizationCredentials,
    HTTPBasic,
    HTTPBasicCredentials,
    HTTPBearer,
    OAuth2AuthorizationCodeBearer,
    OAuth2PasswordBearer,
    OAuth2PasswordRequestForm,
    OpenIdConnect,
)
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel, ConfigDict, Field, computed_field

app = FastAPI(title="oasforge FastAPI round trip", version="1.0.0")


# Models ---------------------------------------------------------------------------------


class Colour(str, enum.Enum):
    red = "red"
    green = "green"
    blue = "blue"


class Cat(BaseModel):
    pet_type: Literal["cat"]
    name: str
    lives: int = 9


class Dog(BaseModel):
    pet_type: Literal["dog"]
    name: str
    good: bool


Pet = Annotated[Union[Cat, Dog], Field(discriminator="pet_type")]


class Owner(BaseModel):
    name: str
    pets: list[Pet]


class OrderLine(BaseModel):
    """A line of an order: the total is computed, so the model reads and writes differently
    (`OrderLine-Input` / `OrderLine-Output`)."""

    sku: str
    quantity: int = Field(ge=1)
    unit_price: float

    @computed_field
    @property
    def total(self) -> float:
        return self.quantity * self.unit_price


class Order(BaseModel):
    id: int
    lines: list[OrderLine]
    note: Optional[str] = None


class Item(BaseModel):
    id: int
    name: Optional[str]
    quantity: Optional[int]
    tags: list[str] = []


class ItemPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Optional[str] = None
    quantity: Optional[int] = Field(default=None, ge=0)
    tags: Optional[list[str]] = None


class Segment(BaseModel):
    start: tuple[int, int]
    end: tuple[int, int]
    label: tuple[str, float, bool]


class Sample(BaseModel):
    """Scalars of every kind FastAPI users send."""

    when: datetime.datetime
    day: datetime.date
    ident: uuid.UUID
    ratio: float
    count: int
    flag: bool
    colour: Colour
    scores: dict[str, int]
    nested: list[list[int]]


class Whoami(BaseModel):
    scheme: str
    who: str


ITEMS: dict[int, Item] = {}


# Parameters and bodies ------------------------------------------------------------------


@app.get("/echo/path/{number}/{word}")
def echo_path(number: int, word: str, colour: Colour = Query(Colour.red)) -> dict[str, str]:
    return {"number": str(number), "word": word, "colour": colour.value}


@app.get("/echo/query")
def echo_query(
    tags: Annotated[list[str], Query()] = [],
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
    ratio: Optional[float] = None,
    flag: bool = False,
    day: Optional[datetime.date] = None,
) -> dict:
    return {"tags": tags, "limit": limit, "ratio": ratio, "flag": flag, "day": day}


@app.get("/echo/headers")
def echo_headers(
    x_request_id: Annotated[str, Header()],
    x_retries: Annotated[Optional[int], Header()] = None,
    session: Annotated[Optional[str], Cookie()] = None,
) -> dict:
    return {"request_id": x_request_id, "retries": x_retries, "session": session}


@app.post("/samples")
def echo_sample(sample: Sample) -> Sample:
    return sample


@app.post("/tuples")
def echo_segment(segment: Segment) -> Segment:
    return segment


@app.get("/tuples/pair")
def pair() -> tuple[int, str]:
    return (7, "seven")


@app.post("/pets", status_code=status.HTTP_201_CREATED)
def create_pet(pet: Pet) -> Pet:
    return pet


@app.get("/pets/{pet_id}")
def get_pet(pet_id: int) -> Pet:
    if pet_id == 1:
        return Cat(pet_type="cat", name="Tom")
    if pet_id == 2:
        return Dog(pet_type="dog", name="Rex", good=True)
    raise HTTPException(status_code=404, detail="no such pet")


@app.post("/owners")
def echo_owner(owner: Owner) -> Owner:
    return owner


@app.post("/orders")
def create_order(order: Order) -> Order:
    return order


@app.put("/items/{item_id}")
def put_item(item_id: int, item: Item) -> Item:
    ITEMS[item_id] = item
    return item


@app.patch("/items/{item_id}")
def patch_item(item_id: int, patch: ItemPatch) -> Item:
    """FastAPI's documented partial update: only the fields the caller set change."""
    stored = ITEMS.get(item_id)
    if stored is None:
        raise HTTPException(status_code=404, detail="no such item")
    updated = stored.model_copy(update=patch.model_dump(exclude_unset=True))
    ITEMS[item_id] = updated
    return updated


@app.delete("/items/{item_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_item(item_id: int) -> Response:
    if ITEMS.pop(item_id, None) is None:
        raise HTTPException(status_code=404, detail="no such item")
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@app.post("/subscriptions")
def subscribe(
    email: Annotated[str, Form()],
    topics: Annotated[list[str], Form()],
    limit: Annotated[Optional[int], Form()] = None,
) -> dict:
    return {"email": email, "topics": topics, "limit": limit}


@app.post("/files")
async def upload(
    file: UploadFile,
    files: Annotated[list[UploadFile], File()],
    note: Annotated[Optional[str], Form()] = None,
) -> list[str]:
    lines = []
    for part in [file, *files]:
        content = (await part.read()).decode()
        lines.append(f"{part.filename} {content}")
    lines.append(f"note {note}")
    return lines


@app.get("/text", response_class=PlainTextResponse)
def text() -> str:
    return "plain words"


@app.get("/items/{item_id}")
def get_item(item_id: int) -> Item:
    if item_id not in ITEMS:
        raise HTTPException(status_code=404, detail="no such item")
    return ITEMS[item_id]


@app.get("/items")
def list_items(offset: int = 0, limit: Annotated[int, Query(le=50)] = 20) -> list[Item]:
    return [ITEMS[key] for key in sorted(ITEMS)][offset : offset + limit]


@app.post("/items/{item_id}/tags")
def add_tags(item_id: int, tags: list[str]) -> Item:
    stored = ITEMS.get(item_id)
    if stored is None:
        raise HTTPException(status_code=404, detail="no such item")
    stored.tags.extend(tags)
    return stored


@app.get("/legacy", deprecated=True)
def legacy() -> dict[str, list[int]]:
    return {"evens": [0, 2, 4], "odds": [1, 3]}


# Security ---------------------------------------------------------------------------------

api_key_header = APIKeyHeader(name="X-API-Key")
api_key_query = APIKeyQuery(name="api_key")
api_key_cookie = APIKeyCookie(name="key")
basic = HTTPBasic()
bearer = HTTPBearer()
password = OAuth2PasswordBearer(tokenUrl="token", scopes={"items:read": "Read items"})
code = OAuth2AuthorizationCodeBearer(authorizationUrl="https://auth.example/authorize", tokenUrl="https://auth.example/token")
openid = OpenIdConnect(openIdConnectUrl="https://auth.example/.well-known/openid-configuration")


@app.post("/token")
def token(form: Annotated[OAuth2PasswordRequestForm, Depends()]) -> dict[str, str]:
    if form.password != "secret":
        raise HTTPException(status_code=400, detail="Incorrect username or password")
    return {"access_token": f"token-of-{form.username}", "token_type": "bearer"}


@app.get("/secure/header")
def secure_header(key: Annotated[str, Depends(api_key_header)]) -> Whoami:
    return Whoami(scheme="header", who=key)


@app.get("/secure/query")
def secure_query(key: Annotated[str, Depends(api_key_query)]) -> Whoami:
    return Whoami(scheme="query", who=key)


@app.get("/secure/cookie")
def secure_cookie(key: Annotated[str, Depends(api_key_cookie)]) -> Whoami:
    return Whoami(scheme="cookie", who=key)


@app.get("/secure/basic")
def secure_basic(credentials: Annotated[HTTPBasicCredentials, Depends(basic)]) -> Whoami:
    return Whoami(scheme="basic", who=f"{credentials.username}:{credentials.password}")


@app.get("/secure/bearer")
def secure_bearer(credentials: Annotated[HTTPAuthorizationCredentials, Depends(bearer)]) -> Whoami:
    return Whoami(scheme="bearer", who=credentials.credentials)


@app.get("/secure/password")
def secure_password(token: Annotated[str, Depends(password)]) -> Whoami:
    return Whoami(scheme="oauth2-password", who=token)


@app.get("/secure/code")
def secure_code(token: Annotated[str, Depends(code)]) -> Whoami:
    return Whoami(scheme="oauth2-code", who=token)


@app.get("/secure/openid")
def secure_openid(token: Annotated[str, Depends(openid)]) -> Whoami:
    return Whoami(scheme="openid", who=token)


# Path constraints ---------------------------------------------------------------------------


@app.get("/bounded/{n}")
def bounded(n: Annotated[int, Path(ge=1, le=10)]) -> int:
    return n * n
