"""The assistant inside LangChain: real chains, a real agent, against a real index.

The chat models are langchain-core's fake ones (no LLM is needed to show the plumbing);
the retriever, the assistant and Chroma are real. The unit tests use the hashing embedder;
opening the index with ``langchain_chroma.Chroma`` needs the real model (integration).
"""

from __future__ import annotations

from typing import Any

import pytest
from conftest import SEED
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage, ToolMessage
from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate
from langchain_core.runnables import RunnableLambda, RunnablePassthrough

import assistant
from assistant.config import Settings
from assistant.errors import InvalidInput
from assistant.facade import Assistant

QUESTION = "Who claimed the Lere attack?"


def test_the_retriever_returns_documents_with_exact_offsets(
    fake_seed_assistant: Assistant,
) -> None:
    retriever = assistant.as_retriever(fake_seed_assistant, k=3)
    documents = retriever.invoke(QUESTION)
    assert len(documents) == 3
    ranks = [d.metadata["rank"] for d in documents]
    assert ranks == [1, 2, 3]
    for document in documents:
        article = fake_seed_assistant.article(document.metadata["article_id"])
        start, end = document.metadata["start"], document.metadata["end"]
        assert article.text[start:end] == document.page_content
        assert document.metadata["title"] == "Lere attack"
        assert document.metadata["date"] == "2024-05-27"
    assert any("CMA" in d.page_content for d in documents)


def test_the_retrievers_filters_are_its_parameters(fake_seed_assistant: Assistant) -> None:
    assert assistant.as_retriever(fake_seed_assistant, date_to="2020-01-01").invoke(QUESTION) == []
    assert assistant.as_retriever(fake_seed_assistant, sources=["Reuters"]).invoke(QUESTION) == []
    inside = assistant.as_retriever(fake_seed_assistant, date_from="2024-05-01", k=1)
    assert len(inside.invoke(QUESTION)) == 1
    with pytest.raises(InvalidInput, match="not a date"):
        assistant.as_retriever(fake_seed_assistant, date_from="last week").invoke(QUESTION)
    with pytest.raises(InvalidInput, match="k must be"):
        assistant.as_retriever(fake_seed_assistant, k=0).invoke(QUESTION)


def test_retriever_prompt_and_model_chain(fake_seed_assistant: Assistant) -> None:
    seen: list[Any] = []

    def remember(prompt: Any) -> Any:
        seen.append(prompt)
        return prompt

    prompt = ChatPromptTemplate.from_messages(
        [("system", "Answer from these passages:\n{context}"), ("human", "{question}")]
    )
    model = GenericFakeChatModel(messages=iter([AIMessage("The CMA claimed it.")]))
    chain = (
        {
            "context": assistant.as_retriever(fake_seed_assistant, k=2)
            | RunnableLambda(lambda docs: "\n\n".join(d.page_content for d in docs)),
            "question": RunnablePassthrough(),
        }
        | prompt
        | RunnableLambda(remember)
        | model
        | StrOutputParser()
    )
    assert chain.invoke(QUESTION) == "The CMA claimed it."
    system = seen[0].to_messages()[0].content
    assert "CMA" in system and system.startswith("Answer from these passages:")


def test_the_runnable_invokes_batches_and_streams(fake_seed_assistant: Assistant) -> None:
    runnable = assistant.as_runnable(fake_seed_assistant)
    answer = runnable.invoke(QUESTION)
    direct = fake_seed_assistant.ask(QUESTION).to_dict()
    assert answer["short_answer"] == direct["short_answer"] and answer["short_answer"]
    assert answer["citations"][0]["quote"] == direct["citations"][0]["quote"]

    filtered = runnable.invoke({"question": QUESTION, "date_to": "2020-01-01"})
    assert filtered["abstained"] and filtered["citations"] == []

    batch = runnable.batch([QUESTION, "How many soldiers were killed?"])
    assert [b["short_answer"] for b in batch] == [
        direct["short_answer"],
        fake_seed_assistant.ask("How many soldiers were killed?").short_answer,
    ]
    chunks = list(runnable.stream(QUESTION))
    assert chunks[-1]["short_answer"] == direct["short_answer"]

    with pytest.raises(InvalidInput, match='dict with "question"'):
        runnable.invoke(42)
    with pytest.raises(InvalidInput, match="Unknown keys"):
        runnable.invoke({"question": QUESTION, "temperature": 2})


class ToolCallingFake(GenericFakeChatModel):
    """A scripted chat model that 'decides' to call the tool (the fake has no bind_tools)."""

    def bind_tools(self, tools: Any, **kwargs: Any) -> Any:
        return self


def test_an_agent_uses_the_assistant_as_a_tool(fake_seed_assistant: Assistant) -> None:
    from langchain.agents import create_agent

    tool = assistant.as_runnable(fake_seed_assistant).as_tool(
        name="news_archive", description="Answers questions from the news archive, cited."
    )
    call = {"name": "news_archive", "args": {"question": QUESTION}, "id": "call-1"}
    model = ToolCallingFake(
        messages=iter([AIMessage("", tool_calls=[call]), AIMessage("The archive says the CMA.")])
    )
    agent = create_agent(model, tools=[tool])
    result = agent.invoke({"messages": [("user", QUESTION)]})
    tool_messages = [m for m in result["messages"] if isinstance(m, ToolMessage)]
    assert len(tool_messages) == 1
    assert "Lere attack" in tool_messages[0].content  # the citation's title came back
    assert result["messages"][-1].content == "The archive says the CMA."


@pytest.mark.integration  # the real model: LangChain's Chroma embeds the query itself
def test_langchain_chroma_opens_the_assistants_index(seed_settings: Settings) -> None:
    from langchain_chroma import Chroma

    from assistant.index.embeddings import LangChainEmbeddings

    store = Chroma(
        collection_name=f"{seed_settings.collection}-chunks",
        persist_directory=str(seed_settings.index_dir),
        embedding_function=LangChainEmbeddings(),
    )
    documents = store.similarity_search("Who claimed responsibility for the attack?", k=3)
    assert len(documents) == 3
    text = SEED.read_text(encoding="utf-8")
    for document in documents:
        assert document.metadata["title"] == "Lere attack"
        assert document.page_content in text  # the chunk text, where LangChain expects it
        assert {"start", "end", "article_id", "date", "source"} <= set(document.metadata)
    assert any("CMA" in d.page_content for d in documents)
